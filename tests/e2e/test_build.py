"""The build pipeline: strict MkDocs with zero warnings, generated tree, schema, nav, refusal on invalid plans."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from site_builder.errors import BuildError
from site_builder.publish.build import build_site
from tests.conftest import ROOT, BuiltSite, copy_repo


def test_mkdocs_strict_build_has_no_warnings(built_site: BuiltSite) -> None:
    assert "Documentation built" in built_site.log
    assert "WARNING" not in built_site.log


def test_generated_tree_and_schema(built_site: BuiltSite) -> None:
    docs = built_site.build_dir / "docs"
    assert (docs / "index.md").exists()
    assert (docs / "truong" / "th-quang-trung" / "2024-2025" / "index.md").exists()
    schema = json.loads((docs / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "Kế hoạch cải tiến chất lượng giáo dục"
    assert (built_site.site_dir / "schema" / "plan.schema.json").exists()
    assert (built_site.site_dir / "assets" / "kh.css").exists()


def test_nav_has_guides_when_present(built_site: BuiltSite) -> None:
    config = (built_site.build_dir / "mkdocs.yml").read_text(encoding="utf-8")
    if (ROOT / "docs" / "huong-dan").is_dir():
        assert "Hướng dẫn" in config
    for page in ("truong/index.md", "van-ban/index.md", "gioi-thieu/index.md", "tim-kiem/index.md"):
        assert page in config


def test_hand_written_docs_are_copied(built_site: BuiltSite) -> None:
    for source in (ROOT / "docs").rglob("*.md"):
        rel = source.relative_to(ROOT / "docs")
        assert (built_site.build_dir / "docs" / rel).exists(), rel


def test_invalid_plan_stops_the_build(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    plan = root / "plans" / "th-quang-trung" / "2024-2025.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace('criterion: "1.1"', 'criterion: "9.9"', 1),
                    encoding="utf-8")
    with pytest.raises(BuildError):
        build_site(root, tmp_path / "build", tmp_path / "site", pdf=False, search=False)
    assert not (tmp_path / "site").exists()


def test_generation_does_not_touch_the_repository(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    build_site(root, tmp_path / "b", tmp_path / "s", pdf=False, search=False)
    assert not (root / "build").exists() and not (root / "site").exists()
    shutil.rmtree(tmp_path / "s")


def test_preview_rebuilds_when_a_plan_changes(tmp_path: Path) -> None:
    import threading
    import time

    from site_builder.publish.serve import Rebuilder, _watch

    root = copy_repo(tmp_path / "repo")
    rebuilder = Rebuilder(root)
    rebuilder.rebuild()
    page = root / "site" / "truong" / "th-quang-trung" / "2024-2025" / "index.html"
    assert "Vạn Mỹ" in page.read_text(encoding="utf-8")
    observer = _watch(root, rebuilder)
    threading.Thread(target=rebuilder.loop, daemon=True).start()
    try:
        plan = root / "plans" / "th-quang-trung" / "2024-2025.md"
        plan.write_text(plan.read_text(encoding="utf-8").replace("place: Vạn Mỹ", "place: Lạch Tray"), encoding="utf-8")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if page.exists() and "Lạch Tray, ngày 10 tháng 10 năm 2024" in page.read_text(encoding="utf-8"):
                break
            time.sleep(0.3)
        else:
            pytest.fail("the preview did not rebuild after the plan changed")
    finally:
        observer.stop()
