"""The rebuild after a small change: real MkDocs (--dirty into a copy of the published site) and Pagefind.

Nothing changed: no generated file is rewritten, no page rendered again, the search index reused. One plan
edited: its page shows the edit, another school's page is not rendered again. A plan deleted: the build is
clean again and the page is gone. Settings changed: clean again."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.publish.build import BuildReport, build_site
from site_builder.publish.incremental import KEPT_SITE
from tests.conftest import copy_repo
from tests.gitrepo import commit_all, init_repo

PLAN = Path("plans") / "th-quang-trung" / "2024-2025.md"
PAGE = Path("site") / "truong" / "th-quang-trung" / "2024-2025" / "index.html"
OTHER = Path("site") / "truong" / "mn-20-10-quan-1" / "2021-2022" / "index.html"


def _build(root: Path) -> BuildReport:
    return build_site(root, pdf=False)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repo(tmp_path_factory.mktemp("incremental") / "repo")
    assert not _build(root).dirty  # the first build is clean
    return root


def test_unchanged_rebuild_rewrites_nothing(root: Path) -> None:
    page, other = (root / PAGE).stat().st_mtime_ns, (root / OTHER).stat().st_mtime_ns
    docs = {p: p.stat().st_mtime_ns for p in (root / "build" / "docs").rglob("*.md")}
    report = _build(root)
    assert report.dirty and report.docs_written == 0
    assert report.search is not None and report.search.indexed == [] and report.search.reused == [1]
    assert (root / PAGE).stat().st_mtime_ns == page and (root / OTHER).stat().st_mtime_ns == other
    assert {p: p.stat().st_mtime_ns for p in (root / "build" / "docs").rglob("*.md")} == docs
    assert (root / "site" / "pagefind" / "pagefind-entry.json").is_file()
    assert (root / "build" / "markdown-memo.json").is_file()  # the schools' Markdown as HTML, for the next build


def test_one_edit_renders_its_pages_and_not_the_others(root: Path) -> None:
    other = (root / OTHER).stat().st_mtime_ns
    plan = root / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace("place: Vạn Mỹ", "place: Lạch Tray"), encoding="utf-8")
    report = _build(root)
    assert report.dirty and 0 < report.docs_written < report.pages
    assert "Lạch Tray, ngày 10 tháng 10 năm 2024" in (root / PAGE).read_text(encoding="utf-8")
    assert (root / OTHER).stat().st_mtime_ns == other
    assert report.search is not None and report.search.indexed == [1]


def _site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site but the search bundles (Pagefind names its files by hash)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and not p.relative_to(site).parts[0].startswith("pagefind")}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_dirty_builds_one_after_another_write_the_site_a_clean_build_writes(root: Path, tmp_path: Path) -> None:
    """Two edits, two dirty builds: the second starts from the site the first replaced (kept in
    build/site.previous, which lacks the first edit), and must render the first edit's pages again too.
    Every file equals a clean build's; the menus name the guides (a dirty build that did not read them wrote
    “None” for each: MkDocs takes a menu entry's title from its page)."""
    _build(root)
    _edit(root / PLAN, "Lạch Tray", "Lạch Tray mới") if "Lạch Tray" in (root / PLAN).read_text(encoding="utf-8") \
        else _edit(root / PLAN, "place: Vạn Mỹ", "place: Lạch Tray mới")
    assert _build(root).dirty and (root / "build" / KEPT_SITE).is_dir()
    other_plan = root / "plans" / "mn-20-10-quan-1" / "2021-2022.md"
    _edit(other_plan, "title: Cải tiến chất lượng giáo dục năm học 2021 – 2022",
          "title: Cải tiến chất lượng giáo dục năm học 2021 – 2022 (sửa)")
    report = _build(root)
    assert report.dirty and (root / "build" / KEPT_SITE).is_dir()
    clean = build_site(root, tmp_path / "build", tmp_path / "site", pdf=False)
    assert not clean.dirty
    page = (root / PAGE).read_text(encoding="utf-8")
    assert "Lạch Tray mới" in page and "Hướng dẫn cho nhà trường" in page and ">None<" not in page.replace(" ", "")
    dirty_files, clean_files = _site_files(root / "site"), _site_files(tmp_path / "site")
    assert sorted(dirty_files) == sorted(clean_files)
    assert [name for name in clean_files if dirty_files[name] != clean_files[name]] == []


def test_a_deleted_plan_makes_a_clean_build_without_its_page(root: Path) -> None:
    (root / "plans" / "mn-chua-ro-ten-a" / "2024-2025.md").unlink()
    report = _build(root)
    assert not report.dirty
    assert not (root / "site" / "truong" / "mn-chua-ro-ten-a" / "2024-2025" / "index.html").exists()
    assert (root / PAGE).is_file()


def test_changed_settings_make_a_clean_build(root: Path) -> None:
    assert _build(root).dirty
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: ", "site_name: Thử — ", 1),
                      encoding="utf-8")
    report = _build(root)
    assert not report.dirty
    assert "Thử — " in (root / OTHER).read_text(encoding="utf-8")


def test_plan_pages_taken_from_the_last_build_are_those_a_clean_build_writes(tmp_path: Path) -> None:
    """A plan's page and history page are taken from the last build when their key is the same (web.reuse).
    After an edit of each kind that a page is made from, every file equals a clean build's: the school's
    record, the catalogue, another plan of the same school, a plan edited and committed, then reverted (the same
    text as before, a longer history), the site's address."""
    root = copy_repo(tmp_path / "repo")
    second = root / "plans" / "th-quang-trung" / "2025-2026.md"  # the school's next year: its pages show both
    second.write_text((root / PLAN).read_text(encoding="utf-8").replace("school_year: 2024-2025", "school_year: "
                      "2025-2026", 1).replace("date: 2024-10-10", "date: 2025-10-10", 1), encoding="utf-8")
    init_repo(root)
    commit_all(root, "Kế hoạch", "2025-10-10T09:00:00+07:00")
    first = _build(root)
    assert not first.dirty and (root / "build" / "pages-memo.json").is_file()
    school, framework = root / "plans" / "th-quang-trung" / "school.yml", root / "catalogue" / "frameworks"
    url = "https://example.invalid/ke-hoach-cai-tien/"
    edits = {
        "the school's record": lambda: _edit(school, "commune: phường Vạn Mỹ", "commune: phường Lạch Tray"),
        "the catalogue": lambda: _edit(framework / "tt17-2018.yml", "title: Phương hướng, chiến lược",
                                       "title: Phương hướng và chiến lược"),
        "another plan of the school": lambda: _edit(second, "place: Vạn Mỹ", "place: Cát Bi"),
        "a plan, committed": lambda: (_edit(root / PLAN, "place: Vạn Mỹ", "place: Đồ Sơn"),
                                      commit_all(root, "Sửa", "2025-11-01T09:00:00+07:00")),
        "the same plan reverted": lambda: (_edit(root / PLAN, "place: Đồ Sơn", "place: Vạn Mỹ"),
                                           commit_all(root, "Hoàn lại", "2025-11-02T09:00:00+07:00")),
        "the site's address": lambda: None,
    }
    plans = len(list((root / "plans").glob("*/*.md")))
    for number, (what, change) in enumerate(edits.items()):
        change()
        if what == "the site's address":
            url = "https://truong.example.invalid/cong-khai/"
        report = build_site(root, pdf=False, site_url=url)
        assert report.dirty or what == "the site's address", what
        if what.startswith(("a plan", "the same plan")):  # other schools' plan and history pages not rendered
            assert 2 * (plans - 2) <= report.docs_reused <= 2 * (plans - 1), (what, report.docs_reused)
        clean = build_site(root, tmp_path / f"build-{number}", tmp_path / f"site-{number}", pdf=False, site_url=url)
        dirty_files, clean_files = _site_files(root / "site"), _site_files(clean.site_dir)
        assert sorted(dirty_files) == sorted(clean_files), what
        assert [name for name in clean_files if dirty_files[name] != clean_files[name]] == [], what
    assert build_site(root, pdf=False, site_url=url).docs_reused == 2 * plans  # nothing changed: none rendered
