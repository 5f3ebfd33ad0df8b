"""The generator switch: the config each generator gets, its failure message, the sitemap fallback, and a clean
MkDocs build shared by several MkDocs processes (the same site, byte for byte, as one process writes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from site_builder import paths
from site_builder.errors import BuildError
from site_builder.publish.build import BASE_NAV
from site_builder.publish.generators import (
    check_generator,
    ensure_sitemap,
    failure_message,
    merge_into,
    mkdocs_shards,
    run_generator,
    shard_dir,
    write_config,
)
from tests.conftest import ROOT, BuiltSite

URL = "https://example.invalid/ke-hoach-cai-tien/"


def _config(path: Path) -> dict:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def test_zensical_config_keeps_its_folders_inside_and_its_search_off(tmp_path: Path) -> None:
    build = tmp_path / "build"
    (build / "docs").mkdir(parents=True)
    config = _config(write_config("zensical", ROOT, build, build / "docs", tmp_path / "site", URL, BASE_NAV))
    assert (config["docs_dir"], config["site_dir"]) == ("docs", "site")
    assert config["theme"]["variant"] == "classic"
    assert config["theme"]["language"] == "vi"
    assert config["plugins"] == [{"search": {"enabled": False}}]
    assert "assets/kh-search.js" in config["extra_javascript"]
    assert config["extra_css"] == ["assets/kh.css"]
    assert config["site_url"] == URL


def test_mkdocs_config_is_the_projects_with_paths_and_nav(tmp_path: Path) -> None:
    docs, site = tmp_path / "build" / "docs", tmp_path / "site"
    path = write_config("mkdocs", ROOT, tmp_path / "build", docs, site, URL, BASE_NAV)
    assert path.name == "mkdocs.yml"
    config = _config(path)
    assert (config["docs_dir"], config["site_dir"]) == (str(docs), str(site))
    assert config["plugins"] == []
    assert "variant" not in config["theme"]
    assert config["nav"][0] == {"Trang chủ": "index.md"}
    assert config["extra_javascript"] == [paths.SEARCH_JS, paths.SORT_JS]  # site-wide: every page, any depth


def test_zensical_needs_the_docs_inside_the_build_folder(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="Zensical cần thư mục docs"):
        write_config("zensical", ROOT, tmp_path / "build", tmp_path / "docs", tmp_path / "site", URL, BASE_NAV)


def test_unknown_generator_is_refused_in_vietnamese() -> None:
    with pytest.raises(BuildError, match="Không có trình dựng trang “hugo”"):
        check_generator("hugo")
    assert check_generator("mkdocs") == "mkdocs"


def test_failure_message_names_the_page_and_the_missing_target() -> None:
    log = ("WARNING -  Doc file 'nam-hoc/2024-2025/index.md' contains a link '../../truong/khong-co/index.md', "
           "but the target 'truong/khong-co/index.md' is not found among documentation files.\n"
           "WARNING -  Doc file 'truong/a/2024-2025/index.md' contains a link '../../../van-ban/index.md#x', "
           "but the doc 'van-ban/index.md' does not contain an anchor '#x'.\n")
    message = failure_message("mkdocs", log)
    assert message.startswith("mkdocs build --strict thất bại: 2 liên kết hỏng\n")
    assert "- trang nam-hoc/2024-2025/index.md liên kết tới truong/khong-co/index.md, nhưng không có" in message
    assert "- trang truong/a/2024-2025/index.md liên kết tới van-ban/index.md#x, nhưng trang đó không có mục #x" \
        in message
    assert "  WARNING -  Doc file 'nam-hoc/2024-2025/index.md'" in message


def test_failure_message_reads_zensical_warnings() -> None:
    log = ("Warning: page does not exist\n    ╭─[ nam-hoc/2024-2025/index.md:9:17 ]\n    │\n"
           " 9 │ [x](../../truong/khong-co/index.md)\n")
    message = failure_message("zensical", log)
    assert "1 liên kết hỏng" in message
    assert "- nam-hoc/2024-2025/index.md:9:17: liên kết tới trang không tồn tại" in message


def test_sitemap_is_written_only_when_the_generator_wrote_none(tmp_path: Path) -> None:
    for page in ("index.html", "truong/index.html", "truong/th-a/2024-2025/index.html"):
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("<html></html>", encoding="utf-8")
    assert ensure_sitemap(tmp_path, URL)
    sitemap = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>") == 3
    assert f"<loc>{URL}</loc>" in sitemap
    assert f"<loc>{URL}truong/th-a/2024-2025/</loc>" in sitemap
    assert not ensure_sitemap(tmp_path, URL), "a generator's own sitemap is kept"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("shards", [2, 3])
def test_mkdocs_on_several_processes_writes_the_site_one_process_writes(built_site: BuiltSite, tmp_path: Path,
                                                                        shards: int) -> None:
    config = built_site.build_dir / "mkdocs.yml"  # the real site's generated docs and settings
    run_generator("mkdocs", config, tmp_path / "one")
    run_generator("mkdocs", config, tmp_path / "shared", shards=shards)
    one, shared = _files(tmp_path / "one"), _files(tmp_path / "shared")
    assert len(one) > 100 and sum(name.endswith(".html") for name in one) > 40
    assert sorted(shared) == sorted(one)
    assert [name for name in one if shared[name] != one[name]] == []
    assert not any(shard_dir(tmp_path / "shared", i).exists() for i in range(1, shards)), "shard folders removed"
    log = (built_site.build_dir / "mkdocs.log").read_text(encoding="utf-8")
    assert [f"--- MkDocs {i}/{shards}" in log for i in range(1, shards + 1)] == [True] * shards


def _broken_docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Trang chủ\n\n[Trường](truong/index.md)\n", encoding="utf-8")
    for name in ("a", "b", "c", "d"):
        (docs / f"{name}.md").write_text(f"# {name}\n\n[hỏng](khong-co-{name}.md)\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: Thử\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\n", encoding="utf-8")
    return config


def test_a_broken_link_in_any_shard_fails_the_build_and_names_each_page(tmp_path: Path) -> None:
    with pytest.raises(BuildError) as raised:
        run_generator("mkdocs", _broken_docs(tmp_path), tmp_path / "site", shards=2)
    message = str(raised.value)
    assert "liên kết hỏng" in message
    for name in ("a", "b", "c", "d"):  # spread over both shards: every one is reported
        assert f"- trang {name}.md liên kết tới khong-co-{name}.md" in message
    assert "truong/index.md" in message
    assert not shard_dir(tmp_path / "site", 1).exists()


def test_merging_keeps_shared_files_and_refuses_two_different_pages(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, text in ((first, "<p>a</p>"), (second, "<p>a</p>")):
        (folder / "x").mkdir(parents=True)
        (folder / "404.html").write_text(text, encoding="utf-8")
    (second / "x" / "page.html").write_text("<p>b</p>", encoding="utf-8")
    (second / "sitemap.xml.gz").write_bytes(b"other")
    (first / "sitemap.xml.gz").write_bytes(b"one")
    merge_into(second, first)
    assert _files(first) == {"404.html": b"<p>a</p>", "sitemap.xml.gz": b"one", "x/page.html": b"<p>b</p>"}
    (second / "404.html").write_text("<p>khác</p>", encoding="utf-8")
    with pytest.raises(BuildError, match=r"Hai tiến trình MkDocs viết hai nội dung khác nhau cho 404\.html"):
        merge_into(second, first)


def test_a_site_is_shared_between_processes_only_when_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITE_BUILDER_WORKERS", raising=False)
    assert mkdocs_shards(300, cores=2) == 1
    assert mkdocs_shards(3600, cores=2) == 2
    assert mkdocs_shards(3600, cores=4) == 4
    monkeypatch.setenv("SITE_BUILDER_WORKERS", "1")
    assert mkdocs_shards(3600, cores=4) == 1
