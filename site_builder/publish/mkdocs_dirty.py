"""`python -m site_builder.publish.mkdocs_dirty build --strict --dirty -f <config>`: MkDocs' own command line,
without the one warning MkDocs logs for every --dirty build (which --strict would turn into a failure).

The warning is about navigation going stale when pages are added or renamed; here the navigation is fixed
(build.BASE_NAV and the guides) and a build that removes a page, or changes the settings, theme or the
guides' titles, is a clean one (incremental.reuse_previous). Every other warning still fails the build.
"""

from __future__ import annotations

import logging

from mkdocs.__main__ import cli

DIRTY_WARNING = "A 'dirty' build is being performed"


class DropDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def main() -> None:
    logging.getLogger("mkdocs.commands.build").addFilter(DropDirtyWarning())
    cli()


if __name__ == "__main__":
    main()
