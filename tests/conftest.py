"""Shared fixtures. Builds write only into tmp_path_factory directories, so xdist workers never collide."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class BuiltSite:
    root: Path
    build_dir: Path
    site_dir: Path
    pdfs: dict[str, Path]
    log: str = ""


def copy_repo(target: Path) -> Path:
    """A working copy of the inputs of a build (plans, catalogue, docs, mkdocs.yml)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("plans", "examples", "catalogue", "docs"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    node_modules = ROOT / "node_modules"
    if node_modules.is_dir():
        (target / "node_modules").symlink_to(node_modules)
    return target


def build_into(root: Path, base: Path, *, pdf: bool = True, generator: str = "mkdocs") -> BuiltSite:
    from site_builder.publish.build import build_site

    result = build_site(root, base / "build", base / "site", pdf=pdf, generator=generator)
    return BuiltSite(root, base / "build", result.site_dir, result.pdfs, result.mkdocs_log)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real repository's site, built once per test worker."""
    return build_into(ROOT, tmp_path_factory.mktemp("real-site"))


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The same site built by Zensical (the version pinned in pyproject's zensical extra)."""
    return build_into(ROOT, tmp_path_factory.mktemp("zensical-site"), generator="zensical")


@pytest.fixture(scope="session")
def real_project():
    """The repository's own plans, loaded and checked once per test worker."""
    from site_builder.check.assemble import load_project

    return load_project(ROOT)


def build_with_school(base: Path, slug: str, school_yml: str, plan_md: str, *, pdf: bool = False) -> BuiltSite:
    """The real repository plus one school (plans/<slug>/school.yml and 2024-2025.md), checked and built."""
    from site_builder.check.assemble import load_project

    root = copy_repo(base / "repo")
    school = root / "plans" / slug
    school.mkdir()
    (school / "school.yml").write_text(school_yml, encoding="utf-8")
    (school / "2024-2025.md").write_text(plan_md, encoding="utf-8")
    project = load_project(root)
    assert not project.errors, [f.message for f in project.errors]
    return build_into(root, root.parent, pdf=pdf)


@pytest.fixture(scope="session")
def qt_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A real git repository of the repository's plans in which th-quang-trung's plan changes four times
    over 2024-2025 (tests/gitrepo.py); returns its root and the commits, oldest first."""
    from tests.gitrepo import quang_trung_history

    root = copy_repo(tmp_path_factory.mktemp("qt") / "repo")
    return root, quang_trung_history(root)


# Property tests (hypothesis): every example must finish within 2 s (the bound, far above the
# milliseconds an example takes); the hostile-input properties count it in CPU time instead
# (tests/fixtures/hostile/strategies.one_input_budget), which a loaded machine does not inflate.
# On CI (CI=true, as GitHub Actions sets it) the "ci" profile runs more examples, derandomized so a
# failure reproduces; HYPOTHESIS_PROFILE chooses a profile explicitly.
settings.register_profile("default", deadline=2_000, max_examples=40,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("ci", parent=settings.get_profile("default"), max_examples=100, derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default"))
