"""Every published version of the plans, parsed into the model, for history pages and late-update dates.

The blob ids come from the one git log pass (source.history); the texts of all versions of all plans
are read with one `git cat-file --batch` call. A version is split like a plan file (reader) and parsed
with the reader's YAML loader (libyaml; positions are not used for old versions); a version that does not validate
is kept with plan=None, so a history can say that it could not be compared.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from ..errors import YamlSyntaxError
from ..model.history import Commit, FileHistory
from ..model.plan import Plan
from ..parallel import fork_map
from .history import read_blobs
from .reader import split_front_matter
from .yamlsource import load_yaml

MIN_VERSIONS_PER_WORKER = 100  # plan files whose versions a forked worker must parse to be worth its start-up
Summary = TypeVar("Summary")


@dataclass(frozen=True)
class PlanVersion:
    """One version of one plan file: the commit that made it, the parsed plan (None if invalid), its body."""

    commit: Commit
    plan: Plan | None
    body: str


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(str(k)): _nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    return value


def parse_plan_text(text: str) -> tuple[Plan | None, str]:
    """(the plan, its body) of one version's text; the plan is None when the version does not validate."""
    split = split_front_matter(text, "", [])
    if split is None:
        return None, text
    yaml_text, body, _ = split
    try:
        data, _positions = load_yaml(yaml_text)  # the reader's own loader (libyaml): same values, NFC
        return Plan.model_validate(_nfc(data)), body
    except (YamlSyntaxError, ValidationError, ValueError, TypeError):
        return None, body


def plan_versions(root: Path, histories: dict[str, FileHistory | None]) -> dict[str, list[PlanVersion]]:
    """rel -> its versions, oldest first, for each plan file given; one git call for all of them."""
    return summarize_versions(root, histories, list)


def summarize_versions(root: Path, histories: dict[str, FileHistory | None],
                       summary: Callable[[list[PlanVersion]], Summary]) -> dict[str, Summary]:
    """rel -> summary(its versions, oldest first), for each plan file given; one git call for all of them.

    The versions are parsed and summarized on forked workers, a plan file at a time, and only the summaries
    come back: a parsed plan (pydantic) costs about as much to send back as to parse, a summary (the history's
    changes, a few dates) next to nothing."""
    known = {rel: h for rel, h in histories.items() if h is not None}
    texts = read_blobs(root, (c.blob for h in known.values() for c in h.versions))
    rels = sorted(known)
    results = fork_map(lambda rel: summary(list(_versions(known[rel].versions, texts))), rels,
                       min_per_worker=MIN_VERSIONS_PER_WORKER)
    return dict(zip(rels, results, strict=True))


def _versions(commits: list[Commit], texts: dict[str, str]) -> Iterable[PlanVersion]:
    for commit in commits:
        if commit.blob not in texts:
            continue
        plan, body = parse_plan_text(texts[commit.blob])
        yield PlanVersion(commit, plan, body)
