"""The same docs built by MkDocs and by Zensical: same pages, same links (zero broken: test_links.py),
and a broken link refused by either generator."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from jinja2 import ChoiceLoader, DictLoader, Environment

from site_builder.config import site_url
from site_builder.errors import BuildError
from site_builder.publish.build import build_site
from site_builder.publish.linkcheck import check_site, compare
from site_builder.web import pages
from tests.conftest import ROOT, BuiltSite

BASE_PATH = urlsplit(site_url(ROOT)).path


def test_both_generators_give_the_same_pages_and_the_same_links(built_site: BuiltSite,
                                                                zensical_site: BuiltSite) -> None:
    mkdocs = check_site(built_site.site_dir, BASE_PATH)
    zensical = check_site(zensical_site.site_dir, BASE_PATH)
    assert mkdocs.counts()["content"] == zensical.counts()["content"] > 500
    comparison = compare(mkdocs, zensical)
    assert comparison.only_a == [] and comparison.only_b == []
    assert comparison.differing == {}
    assert len(mkdocs.pages) > 100


def test_zensical_gets_a_config_it_accepts(zensical_site: BuiltSite) -> None:
    config = (zensical_site.build_dir / "zensical.yml").read_text(encoding="utf-8")
    for line in ("docs_dir: docs", "site_dir: site", "variant: classic", "enabled: false"):
        assert line in config
    assert not (zensical_site.build_dir / "site").exists(), "the output was moved to the site folder"
    search = zensical_site.site_dir / "search.json"
    assert not search.exists() or json.loads(search.read_text(encoding="utf-8"))["items"] == []
    assert (zensical_site.site_dir / "pagefind" / "pagefind-ui.js").exists()
    sitemap = (zensical_site.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "truong/th-quang-trung/2024-2025/</loc>" in sitemap


def test_mkdocs_writes_its_sitemap(built_site: BuiltSite) -> None:
    assert "truong/th-quang-trung/2024-2025/</loc>" in (built_site.site_dir / "sitemap.xml").read_text("utf-8")


def _patch_template(monkeypatch: pytest.MonkeyPatch, name: str, old: str, new: str) -> None:
    """Render the pages with one template changed (a deliberate mistake), leaving the package alone."""
    original = pages._environment

    def patched() -> Environment:
        env = original()
        source = env.loader.get_source(env, name)[0]
        assert old in source
        env.loader = ChoiceLoader([DictLoader({name: source.replace(old, new, 1)}), env.loader])
        return env

    monkeypatch.setattr(pages, "_environment", patched)


@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
def test_a_broken_link_written_in_a_template_fails_the_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                             generator: str) -> None:
    """A link typed by hand (not through the link helper) is caught by the generator's strict mode."""
    _patch_template(monkeypatch, "year.md.j2", '{{ a("Năm học", paths.years_index()) }}',
                    "[Năm học](../khong-co/index.md)")
    with pytest.raises(BuildError) as error:
        build_site(ROOT, tmp_path / "build", tmp_path / "site", pdf=False, search=False, generator=generator)
    message = str(error.value)
    name = {"mkdocs": "MkDocs", "zensical": "Zensical"}[generator]
    assert message.startswith(f"Bước “{name}” thất bại: {generator} build --strict thất bại: ")
    assert "được giữ nguyên" in message
    assert "liên kết hỏng" in message.splitlines()[0]
    if generator == "mkdocs":
        assert "- trang nam-hoc/2024-2025/index.md liên kết tới nam-hoc/khong-co/index.md, nhưng không có trang" \
            in message
    else:
        assert "- nam-hoc/2024-2025/index.md:" in message and "liên kết tới trang không tồn tại" in message


def test_a_link_to_a_page_that_is_not_generated_fails_before_the_generator(monkeypatch: pytest.MonkeyPatch,
                                                                          tmp_path: Path) -> None:
    _patch_template(monkeypatch, "year.md.j2", "paths.years_index()", 'paths.year_page("2099-2100")')
    with pytest.raises(BuildError) as error:
        build_site(ROOT, tmp_path / "build", tmp_path / "site", pdf=False, search=False)
    message = str(error.value)
    assert "liên kết trỏ tới trang không tồn tại" in message
    assert "- trang nam-hoc/2024-2025/index.md (/nam-hoc/2024-2025/) liên kết tới nam-hoc/2099-2100/index.md" in message
    assert not (tmp_path / "build" / "mkdocs.yml").exists(), "stopped before the generator ran"
