"""Shared fixtures. Builds write only into tmp_path_factory directories, so xdist workers never collide."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

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
