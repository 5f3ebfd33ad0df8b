"""Link previews: Open Graph and Twitter card metadata of every plan page, school page and the home page,
read back from the built site with a real HTML parser (selectolax), and the preview cards they point to."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from site_builder import paths
from site_builder.check.assemble import load_project
from site_builder.config import site_url
from site_builder.model.plan import Status
from tests.conftest import ROOT, BuiltSite, build_with_school

PROJECT = load_project(ROOT)
URL = site_url(ROOT)


def metadata(site: Path, url: str) -> dict[str, str]:
    tree = HTMLParser((site / url / "index.html").read_text(encoding="utf-8"))
    meta = {}
    for node in tree.css("head meta"):
        key = node.attributes.get("property") or node.attributes.get("name")
        if key and (key.startswith(("og:", "twitter:", "article:"))):
            assert key not in meta, f"{url}: {key} twice"
            meta[key] = node.attributes.get("content") or ""
    canonical = tree.css("head link[rel=canonical]")
    assert len(canonical) == 1, url
    meta["canonical"] = canonical[0].attributes.get("href") or ""
    return meta


def card_of(site: Path, image_url: str) -> Path:
    assert image_url.startswith(URL.rstrip("/") + "/"), image_url
    path = site / image_url[len(URL.rstrip("/")) + 1:]
    assert path.is_file(), path
    with Image.open(path) as image:
        assert image.size == (1200, 630) and image.format == "PNG", path
    assert path.stat().st_size < 300_000, path
    return path


def check_common(meta: dict[str, str], url: str) -> None:
    absolute = paths.absolute(URL, url)
    assert meta["og:url"] == absolute and meta["canonical"] == absolute
    assert meta["og:locale"] == "vi_VN" and meta["og:type"] == "article"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:title"] == meta["og:title"] and meta["twitter:image"] == meta["og:image"]
    assert meta["og:description"].strip() and meta["twitter:description"] == meta["og:description"]


@pytest.mark.parametrize("doc", [*PROJECT.plans, *PROJECT.examples], ids=lambda d: d.rel)
def test_plan_page_previews_as_the_plan(built_site: BuiltSite, doc) -> None:
    url = paths.plan_page(doc.school.slug, doc.year, example=doc.example).url
    meta = metadata(built_site.site_dir, url)
    check_common(meta, url)
    year = doc.year.replace("-", "–")
    assert meta["og:title"] == f"{doc.school.display_name} – Kế hoạch cải tiến chất lượng năm học {year}"
    done = doc.status_counts().get(Status.done, 0)
    assert f"có {len(doc.plan.entries)} nội dung cải tiến, {done} nội dung đã hoàn thành." in meta["og:description"]
    for key, moment in (("article:published_time", doc.first_commit), ("article:modified_time", doc.last_commit)):
        assert meta.get(key) == (moment.isoformat() if moment else None), key  # no git history: no date
    card_of(built_site.site_dir, meta["og:image"])
    assert meta["og:image"].endswith(paths.plan_card(doc.school.slug, doc.year, example=doc.example))


@pytest.mark.parametrize("slug", sorted(PROJECT.schools))
def test_school_page_previews_with_its_card(built_site: BuiltSite, slug: str) -> None:
    url = paths.school_page(slug).url
    meta = metadata(built_site.site_dir, url)
    check_common(meta, url)
    assert meta["og:title"] == PROJECT.schools[slug].display_name
    assert meta["og:image"] == paths.absolute(URL, paths.school_card(slug))
    card_of(built_site.site_dir, meta["og:image"])


def test_home_page_previews_with_the_site_card(built_site: BuiltSite) -> None:
    meta = metadata(built_site.site_dir, "")
    check_common(meta, "")
    assert meta["og:image"] == paths.absolute(URL, paths.home_card())
    card_of(built_site.site_dir, meta["og:image"])


# Bidi overrides and control characters are refused by check (tests/fixtures/hostile) and shown as U+FFFD by the
# renderers (tests/web/test_pages.py); this name is what check lets through: quotes, markup, "&".
HOSTILE_NAME = 'Trường "Tiểu" học <b>Đậm</b> & \'Nháy\' Ngược "><script>alert(1)</script>'
HOSTILE_SCHOOL = """\
name: "{name}"
short_name: THT
level: tiểu học
governing_body: UBND HUYỆN THỬ
district: huyện Thử
framework: tt17-2018
"""
PLAN = """\
---
school_year: 2024-2025
document:
  number: 1/KH-THT
  place: Thử
  date: 2024-09-05
  title: Cải tiến chất lượng
signer:
  position: HIỆU TRƯỞNG
  name: Nguyễn Văn A
entries:
  - criterion: "1.1"
    actions: [Làm một việc]
    lead: BGH
    status: đã hoàn thành
---
<!-- improvement-table -->
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    escaped = HOSTILE_NAME.replace("\\", "\\\\").replace('"', '\\"')
    return build_with_school(tmp_path_factory.mktemp("og-hostile"), "th-og", HOSTILE_SCHOOL.format(name=escaped), PLAN)


def test_hostile_school_name_gives_inert_metadata(hostile_site: BuiltSite) -> None:
    expected = HOSTILE_NAME
    for url in ("truong/th-og/2024-2025/", "truong/th-og/"):
        html = (hostile_site.site_dir / url / "index.html").read_text(encoding="utf-8")
        tree = HTMLParser(html)
        assert not any("alert(1)" in (s.text() or "") for s in tree.css("script")), url
        assert not tree.css("head b"), url
        meta = metadata(hostile_site.site_dir, url)
        assert meta["og:title"].startswith(expected), (url, meta["og:title"])
        assert expected in meta["og:description"] or url == "truong/th-og/"
    card_of(hostile_site.site_dir, metadata(hostile_site.site_dir, "truong/th-og/2024-2025/")["og:image"])
