"""`python -m site_builder.publish.mkdocs_dirty build --strict --dirty -f <config>`: MkDocs' own command line,
without the one warning MkDocs logs for every --dirty build (which --strict would turn into a failure).

The warning is about navigation going stale when pages are added or renamed; here the navigation is fixed
(build.BASE_NAV and the guides) and a build that removes a page, or changes the settings, theme or the guides'
titles, is a clean one (incremental.reuse_previous). Every other warning still fails the build. The pages named
in the navigation are always read, changed or not: every page's menu shows their titles, which MkDocs takes
from the pages themselves (a page not read has none, and the menu said “None”).

With SITE_BUILDER_MKDOCS_SHARD=k/n in the environment this is one of n MkDocs processes that build one site
together (generators.run_mkdocs_shards), each into a folder of its own: every process reads the whole docs
tree, settings and navigation as a single `mkdocs build` does, but renders and copies only the files whose
path hashes to its k (`--dirty` renders exactly the files MkDocs takes for modified; here "modified" means
"mine"). The pages are byte for byte those of one process (tests/publish/test_generators.py).
"""

from __future__ import annotations

import hashlib
import logging
import os
from typing import Any

from mkdocs.__main__ import cli
from mkdocs.commands import build
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from .generators import SHARD_ENV

DIRTY_WARNING = "A 'dirty' build is being performed"


class DropDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def shard_of(src_uri: str, count: int) -> int:
    """The shard (0..count-1) that renders or copies a docs file: a hash of its path, the same in every process."""
    return int.from_bytes(hashlib.sha256(src_uri.encode("utf-8")).digest()[:8], "big") % count


def parse_shard(value: str) -> tuple[int, int] | None:
    """"k/n" (0 <= k < n) from the environment; None for anything else."""
    index, _, count = value.partition("/")
    if not (index.isdigit() and count.isdigit()) or not 0 <= int(index) < int(count):
        return None
    return int(index), int(count)


def take_shard(index: int, count: int) -> None:
    """Make MkDocs' --dirty build render and copy exactly the files of shard `index` of `count`."""
    def mine(self: File) -> bool:
        return shard_of(self.src_uri, count) == index

    File.is_modified = mine  # type: ignore[method-assign]


def nav_sources(nav: Any) -> set[str]:
    """The docs paths named in a `nav` setting (lists of strings and one-key {title: path or list} maps)."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(nav_sources(value) for value in nav.values()))
    if isinstance(nav, list):
        return set().union(*(nav_sources(item) for item in nav))
    return set()


def read_navigation_pages() -> None:
    """Have MkDocs read every page the navigation names, even in a --dirty build that will not write it."""
    populate = build._populate_page

    def populate_named(page: Page, config: Any, files: Any, dirty: bool = False) -> None:
        populate(page, config, files, dirty and page.file.src_uri not in nav_sources(config.nav))

    build._populate_page = populate_named


def main() -> None:
    logging.getLogger("mkdocs.commands.build").addFilter(DropDirtyWarning())
    read_navigation_pages()
    shard = parse_shard(os.environ.get(SHARD_ENV, ""))
    if shard is not None:
        take_shard(*shard)
    cli()


if __name__ == "__main__":
    main()
