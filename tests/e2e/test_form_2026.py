"""The 2026 form end to end: the guide's example plan on the site and as a PDF (read back with pdfplumber),
kept out of every list of real schools; a mầm non plan in the 2026 form printed with Phụ lục I titles."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
import pytest
import yaml

from site_builder import paths
from site_builder.source.catalogue import load_catalogue
from tests.conftest import ROOT, BuiltSite, build_into, copy_repo

CATALOGUE = load_catalogue(ROOT)
FORM = CATALOGUE.forms["tt-2026"]
EXAMPLE_URL = paths.plan_page("th-mau", "2026-2027", example=True).url
ROMAN = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII)\. ")


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def content(site: Path, url: str) -> str:
    """The page's own content (Material's article), without the site navigation (where the guide lists it)."""
    html = page(site, url)
    return html[html.index("<article"):html.rindex("</article>")]


def flat(text: str | None) -> str:
    return " ".join((text or "").split())


@pytest.fixture(scope="module")
def example_pdf(built_site: BuiltSite) -> Path:
    return built_site.site_dir / paths.plan_pdf("th-mau", "2026-2027", example=True)


def test_the_example_builds_on_the_site_under_the_guide(built_site: BuiltSite) -> None:
    html = page(built_site.site_dir, EXAMPLE_URL)
    assert EXAMPLE_URL.startswith(paths.GUIDES + "/")
    assert "ĐÂY LÀ KẾ HOẠCH VÍ DỤ" in html and "Ví dụ – Kế hoạch cải tiến chất lượng" in html
    for section in FORM.sections:
        assert f">{section.heading} " in html or f">{section.heading}<" in html, section.heading
    assert "Đạt Mức 1" in html and "Điều 5 khoản 3" in html and "Nguồn thứ cấp" in html
    assert 'href="th-mau-2026-2027.pdf"' in html
    guide = page(built_site.site_dir, "huong-dan/mau-ke-hoach-2026/")
    assert "vi-du/th-mau-2026-2027/" in guide


def test_the_example_is_not_listed_among_the_schools(built_site: BuiltSite) -> None:
    site = built_site.site_dir
    for url in ("", paths.schools_index().url, paths.years_index().url, paths.criteria_index().url):
        assert "Tiểu học Mẫu" not in content(site, url), url
    assert not (site / paths.school_page("th-mau").url).exists()
    assert not (site / paths.year_page("2026-2027").url).exists()
    example = page(site, EXAMPLE_URL)
    assert "data-pagefind-body" not in example and "data-pagefind-filter" not in example
    fragments = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in (site / "pagefind").rglob("*.json"))
    assert "Tiểu học Mẫu" not in fragments


def test_the_example_pdf_has_the_eight_sections_in_order_and_the_ten_columns_of_v(example_pdf: Path) -> None:
    with pdfplumber.open(example_pdf) as pdf:
        lines = [line for p in pdf.pages for line in (p.extract_text() or "").split("\n")]
        headings = [line for line in lines if ROMAN.match(line)]
        assert headings == [s.heading for s in FORM.sections]
        assert headings[0] == "I. Thông tin chung" and headings[-1] == "VIII. Cơ chế đánh giá và báo cáo"
        v_pages = [p for p in pdf.pages if "V. Kế hoạch cải tiến chất lượng" in (p.extract_text() or "")]
        header = [flat(cell) for cell in v_pages[0].extract_tables()[-1][0]]
        assert header == [c.heading for c in FORM.section("V").columns]
        assert len(header) == 10 and header[-1] == "Mức độ thực hiện"
        assert all(p.width > p.height for p in v_pages), "tables are set in landscape"
        assert pdf.pages[0].width < pdf.pages[0].height
        assert all("VÍ DỤ" in (p.extract_text() or "") for p in pdf.pages), "every page says it is an example"
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in " ".join(lines) and "Số: 45/KH-THM" in " ".join(lines)
        assert pdf.metadata["Title"].startswith("Ví dụ – ")


@pytest.fixture(scope="module")
def preschool_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """A mầm non school's plan in the 2026 form (the example's data, the school made mầm non)."""
    base = tmp_path_factory.mktemp("mn-2026")
    root = copy_repo(base / "repo")
    folder = root / "plans" / "mn-thu-2026"
    shutil.copytree(ROOT / "examples" / "th-mau", folder)
    school = yaml.safe_load((folder / "school.yml").read_text(encoding="utf-8"))
    school.update(name="Trường Mầm non Thử (ví dụ)", level="mầm non")
    (folder / "school.yml").write_text(yaml.safe_dump(school, allow_unicode=True), encoding="utf-8")
    plan = (folder / "2026-2027.md").read_text(encoding="utf-8")
    plan = plan.replace("      - '3.2'\n      - '3.5'\n", "      - '3.5'\n      - '4.2'\n")
    (folder / "2026-2027.md").write_text(plan, encoding="utf-8")
    owners = root / ".github" / "CODEOWNERS"
    if owners.exists():
        owners.write_text(owners.read_text(encoding="utf-8") + "/plans/mn-thu-2026/ @phong-gddt/mn-thu-2026\n")
    return build_into(root, base)


def test_a_preschool_2026_plan_gets_appendix_i_titles(preschool_site: BuiltSite) -> None:
    framework = CATALOGUE.frameworks["tt-2026"]
    html = page(preschool_site.site_dir, paths.plan_page("mn-thu-2026", "2026-2027").url)
    assert "Phụ lục I (mầm non)" in html
    for crit in ("3.5", "4.2", "3.1"):
        assert f"{crit}. {framework.criteria[crit].title_for('mầm non')}<" in html
        assert f"{crit}. {framework.criteria[crit].title}<" not in html
    standard_3 = next(s for s in framework.standards if s.id == "3")
    assert standard_3.title_for("mầm non") in html and standard_3.title not in html
    pdf_path = preschool_site.pdfs["plans/mn-thu-2026/2026-2027.md"]
    with pdfplumber.open(pdf_path) as pdf:
        cells = [flat(c) for p in pdf.pages for t in p.extract_tables() for row in t for c in row]
    assert any("3.5. Kết quả phát triển và sự tiến bộ của trẻ" in c for c in cells)
    assert any("Tiêu chuẩn 3. " + standard_3.title_for("mầm non") in c for c in cells)
    assert not any("rèn luyện và sự tiến bộ của học sinh" in c for c in cells)


def test_the_legal_page_shows_each_tt09_rule_with_article_and_mark(built_site: BuiltSite) -> None:
    html = page(built_site.site_dir, paths.page(paths.LEGAL).url)
    section = html[html.index('id="tt09-2024"'):]
    section = section[:section.index("</section>")]
    rules = [r for r in CATALOGUE.disclosure if r.document == "tt09-2024"]
    assert len(rules) >= 10
    for rule in rules:
        row = section[section.index(f'id="quy-dinh-{rule.id}"'):]
        row = row[:row.index("</tr>")]
        assert f">{rule.article}<" in row and rule.verification.label in row, rule.id
    assert "Điều 15 khoản 2" in section and "Điều 6 khoản 3" in section and "Điều 10 khoản 3" in section
    form_rules = html[html.index('id="tt-2026"'):]
    assert 'id="quy-dinh-min-two-reviews"' in form_rules and "Biểu 2 Phụ lục V, mục VIII điểm a" in form_rules
