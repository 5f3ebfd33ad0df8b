"""The one exception hierarchy of site-builder.

Every error a user can cause (a broken catalogue file, a build that cannot finish,
a new plan that cannot be written) is a SiteBuilderError. The command line catches
this base class once, prints its Vietnamese message and exits non-zero, so no
user-caused failure ends in a traceback. Problems inside a plan are not exceptions:
they are Findings (diagnostics.py), reported all at once.
"""

from __future__ import annotations


class SiteBuilderError(Exception):
    """A failure the user can fix; str(error) is the Vietnamese message, with file:line:column when known."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        position = self.path
        if self.line is not None:
            position += f":{self.line}:{self.column or 1}"
        return f"{position}: {self.message}"


class CatalogueError(SiteBuilderError):
    """A catalogue/ file that does not match its schema (a maintainer's error)."""


class BuildError(SiteBuilderError):
    """The site could not be built; the message says why and which stage or plan broke it."""


class NewPlanError(SiteBuilderError):
    """A new plan or school could not be written."""


class YamlSyntaxError(SiteBuilderError):
    """A file that is not valid YAML; line and column are 1-based."""

    def __init__(self, line: int, column: int, problem: str) -> None:
        super().__init__(problem, line=line, column=column)
        self.problem = problem


class DocumentImportError(SiteBuilderError):
    """A Word or PDF file that cannot be imported (not a .docx, too large, unsafe, no text)."""


class ExportError(SiteBuilderError):
    """A plan could not be written as a Word document."""
