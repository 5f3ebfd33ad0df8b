"""Comparing imported plans with the example plans, field by field."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from site_builder.model.catalogue import Framework
from site_builder.model.lost import Lost
from site_builder.model.plan import Entry, Plan

ROOT = Path(__file__).resolve().parents[3]
ENTRY_FIELDS = (
    "criterion", "criterion_title", "self_assessment", "target", "current_state", "expected_result",
    "actions_intro", "actions", "lead", "partners", "timeline", "budget", "support", "notes", "status",
)
PLAN_FIELDS = ("school_year", "framework", "document", "signer", "recipients", "legal_bases")


def repo_with_school(tmp: Path, slug: str) -> Path:
    """A repository with the catalogue and the school's school.yml, and no plan yet."""
    root = tmp / "repo"
    (root / "plans" / slug).mkdir(parents=True)
    shutil.copytree(ROOT / "catalogue", root / "catalogue")
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy2(ROOT / "plans" / slug / "school.yml", root / "plans" / slug / "school.yml")
    return root


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def shown_title(entry: Entry, framework: Framework) -> str | Lost | None:
    """The school's criterion title as the official PDF and Word show it: only when its wording differs
    from the catalogue's (present.view prints “Nhà trường ghi: …” then); otherwise the catalogue's."""
    official = framework.criteria[entry.criterion].title
    title = entry.criterion_title
    if isinstance(title, Lost):
        return printed(title)
    return title if title and _key(title) != _key(official) else None


def printed(value: Any) -> Any:
    """A value as a printed copy carries it: a lost marker keeps its fragment but not the transcriber's note
    (notes are not printed, as source_note is not), recursively."""
    if isinstance(value, Lost):
        return value.model_copy(update={"note": None})
    if isinstance(value, BaseModel):
        return value.model_copy(update={k: printed(getattr(value, k)) for k in type(value).model_fields})
    if isinstance(value, list):
        return [printed(item) for item in value]
    return value


def entry_diffs(old: Plan, new: Plan, framework: Framework | None = None) -> list[str]:
    """Every field that differs; with a framework, criterion titles are compared as shown (see shown_title)."""
    diffs = []
    if len(old.entries) != len(new.entries):
        diffs.append(f"entries: {len(old.entries)} != {len(new.entries)}")
    for a, b in zip(old.entries, new.entries, strict=False):
        for name in ENTRY_FIELDS:
            va, vb = getattr(a, name), getattr(b, name)
            if name == "criterion_title" and framework is not None:
                va, vb = shown_title(a, framework), shown_title(b, framework)
            if printed(va) != printed(vb):
                diffs.append(f"{a.criterion}.{name}: {va!r} != {vb!r}")
    return diffs


def plan_diffs(old: Plan, new: Plan) -> list[str]:
    return [f"{name}: {getattr(old, name)!r} != {getattr(new, name)!r}"
            for name in PLAN_FIELDS if printed(getattr(old, name)) != printed(getattr(new, name))]
