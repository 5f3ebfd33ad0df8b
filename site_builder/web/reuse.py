"""A plan's page and history page kept from the last build when nothing they are made from has changed.

Takes the project and the last build's memo (<build>/pages-memo.json: page -> key and links) and gives, for
each plan page and history page, either the last build's file (when its key is the same) or nothing (render it).

A page's key is a digest of everything its template can read, taken from the inputs rather than from the
finished context (digesting a plan's view costs more than rendering it):
- the code: every file of the site_builder package (templates included) and the versions of the libraries
  that shape a page;
- the catalogue files, the site's and the repository's URLs, the date deadlines are judged against (today)
  and whether the git history is shallow;
- the template and the page's path;
- the page's plan: its path and text, and the commits that touched it (dates, publication state, changes);
  and the same for every other plan of its school, which the template has in its context (`info.plans`)
  though today it reads only the school's link: an edit of one plan renders its school's other plan pages too;
- the school's record.
Those templates are rendered without the site-wide context (Renderer: no `site`), so they cannot read
anything else: a template that tried would fail to render. tests/e2e/test_incremental_build.py compares a
build after edits of each kind (the school, the catalogue, another plan of the school, a plan, that plan reverted
to its old text with a longer history, the site's address)
with a clean build, file by file (leaving the school's record or the site's address out of the key makes it fail).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..model.project import PlanDoc, Project

REUSABLE = frozenset({"plan.md.j2", "plan-2026.md.j2", "history.md.j2"})
PACKAGE = Path(__file__).resolve().parent.parent  # site_builder/
LIBRARIES = ("jinja2", "markupsafe", "markdown", "nh3", "pydantic", "pyyaml", "python-slugify", "ruamel.yaml")
MEMO_FORMAT = 1


@cache
def code_digest() -> str:
    """The site_builder package's files and the libraries' versions."""
    sha = hashlib.sha256()
    for name in LIBRARIES:
        try:
            sha.update(f"{name}=={version(name)}\n".encode())
        except PackageNotFoundError:
            sha.update(f"{name}==?\n".encode())
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        sha.update(f"\0{path.relative_to(PACKAGE).as_posix()}\0".encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()


def project_digest(project: Project, site_url: str, repo_url: str | None) -> str:
    """What every reusable page depends on besides its school's plans: code, catalogue, URLs, today."""
    sha = hashlib.sha256(code_digest().encode())
    catalogue = project.root / "catalogue"
    for path in sorted(p for p in catalogue.rglob("*") if p.is_file()) if catalogue.is_dir() else []:
        sha.update(f"\0{path.relative_to(catalogue).as_posix()}\0".encode())
        sha.update(path.read_bytes())
    sha.update(json.dumps([site_url, repo_url, project.today.isoformat(), project.history.shallow]).encode())
    return sha.hexdigest()


def page_key(base: str, template: str, src: str, doc: PlanDoc, school_plans: list[PlanDoc]) -> str:
    """The key of one plan's page or history page (see the module's docstring)."""
    sha = hashlib.sha256(f"{base}\0{template}\0{src}\0{doc.rel}\0{doc.example}\0".encode())
    sha.update(doc.school.school.model_dump_json().encode())
    sha.update(f"\0{doc.school.slug}\0{doc.school.rel}\0".encode())
    for plan in sorted({d.rel: d for d in [doc, *school_plans]}.values(), key=lambda d: d.rel):
        sha.update(f"\0{plan.rel}\0{len(plan.source_text)}\0".encode())
        sha.update(plan.source_text.encode("utf-8"))
        commits = plan.history.commits if plan.history else []
        sha.update(json.dumps([[c.sha, c.when.isoformat(), c.blob, c.status] for c in commits]).encode())
    return sha.hexdigest()


@dataclass
class PageMemo:
    """The last build's keys (read from `path`) and this build's (saved to it); previous_docs: the last build's
    generated pages, where a reused page is taken from."""

    path: Path
    previous_docs: Path
    previous: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    current: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    reused: int = 0

    @classmethod
    def load(cls, path: Path, previous_docs: Path) -> PageMemo:
        memo = cls(path, previous_docs)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return memo
        if not isinstance(data, dict) or data.get("format") != MEMO_FORMAT or not isinstance(data.get("pages"), dict):
            return memo
        for src, value in data["pages"].items():
            if (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)
                    and isinstance(value[1], list) and all(isinstance(link, str) for link in value[1])):
                memo.previous[src] = (value[0], value[1])
        return memo

    def reuse(self, src: str, key: str, docs_dir: Path) -> list[str] | None:
        """The page's links, its file put in docs_dir from the last build, when its key is unchanged; else None."""
        found = self.previous.get(src)
        old = self.previous_docs / src
        if found is None or found[0] != key or not old.is_file() or old.is_symlink():
            return None
        target = docs_dir / src
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(old, target)  # the same file: the sync that follows sees it unchanged without reading it
        except OSError:
            shutil.copy2(old, target)
        self.current[src] = found
        self.reused += 1
        return list(found[1])

    def record(self, src: str, key: str, links: list[str]) -> None:
        self.current[src] = (key, list(links))

    def save(self) -> None:
        partial = self.path.with_name(self.path.name + ".part")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        pages = {src: [key, links] for src, (key, links) in sorted(self.current.items())}
        partial.write_text(json.dumps({"format": MEMO_FORMAT, "pages": pages}, ensure_ascii=False), encoding="utf-8")
        partial.replace(self.path)
