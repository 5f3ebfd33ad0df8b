"""The catalogue: criteria counts, levels, sources and honest verification marks."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from site_builder.model.catalogue import Confidence
from site_builder.source.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT)


@pytest.mark.parametrize(
    ("framework", "standards", "criteria"),
    [("tt19-2018", 5, 25), ("tt17-2018", 5, 27), ("tt18-2018", 5, 28), ("tt-2026", 4, 15)],
)
def test_framework_sizes(catalogue, framework: str, standards: int, criteria: int) -> None:
    fw = catalogue.frameworks[framework]
    assert len(fw.standards) == standards
    assert len(fw.criteria) == criteria


def test_criterion_ids_follow_their_standard(catalogue) -> None:
    for fw in catalogue.frameworks.values():
        for standard in fw.standards:
            for crit in standard.criteria:
                assert crit.id.split(".")[0] == standard.id, (fw.id, crit.id)


def test_2026_framework_is_marked_unverified(catalogue) -> None:
    fw = catalogue.frameworks["tt-2026"]
    assert fw.verification.status is Confidence.unverified
    assert fw.levels == [1, 2]
    assert sorted(fw.mandatory_criteria) == ["1.3", "1.4", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2"]
    assert catalogue.documents[fw.document].verification.status is Confidence.unverified


def test_titles_match_the_seed_plans(catalogue) -> None:
    tt19 = catalogue.frameworks["tt19-2018"].criteria
    assert tt19["1.1"].title == "Phương hướng, chiến lược xây dựng và phát triển nhà trường"
    assert tt19["4.1"].title == "Ban đại diện cha mẹ trẻ"
    tt17 = catalogue.frameworks["tt17-2018"].criteria
    assert tt17["3.6"].title == "Thư viện"


def test_every_framework_cites_a_known_document(catalogue) -> None:
    for fw in catalogue.frameworks.values():
        assert fw.document in catalogue.documents
        assert fw.verification.source


def test_documents_cited_by_plans_exist(catalogue) -> None:
    for ref in ("tt19-2018", "tt17-2018", "tt18-2018", "tt22-2024", "cv5942-2018", "cv5932-2018",
                "tt13-2020", "tt09-2024", "nd30-2020"):
        assert ref in catalogue.documents, ref


def test_abbreviations_from_decree_30(catalogue) -> None:
    decree = {a.abbr: a.full for a in catalogue.abbreviations if a.source == "nd30-2020"}
    assert decree["KH"] == "Kế hoạch"
    assert decree["QĐ"].startswith("Quyết định")


def test_catalogue_text_is_nfc() -> None:
    for path in (ROOT / "catalogue").rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text, path


def test_forms_load_with_sections_columns_and_rules(catalogue) -> None:
    assert set(catalogue.forms) == {"guidance-2018", "tt-2026"}
    form = catalogue.forms["tt-2026"]
    assert [s.number for s in form.sections] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    assert len(form.section("V").columns) == 10
    assert [c.number for c in form.section("V").columns] == list(range(1, 11))
    assert [c.key for c in form.section("IV").columns][:2] == ["tt", "standard"]
    for form in catalogue.forms.values():
        assert form.document in catalogue.documents, form.id
        for rule in form.rules:
            assert rule.document in catalogue.documents, rule.id


def test_form_items_with_commas_keep_their_whole_text(catalogue) -> None:
    """A flow mapping with an unquoted comma would split the text into a stray key (the loader forbids it)."""
    iii = catalogue.forms["tt-2026"].section("III")
    purposes = iii.items[0].items
    assert purposes[2].text.startswith("tăng cường hiệu quả quản trị, sử dụng nguồn lực")


def test_level_rule_and_framework_agree_on_mandatory_criteria(catalogue) -> None:
    rule = catalogue.forms["tt-2026"].rule("level-computation")
    framework = catalogue.frameworks["tt-2026"]
    assert rule.data["mandatory_criteria"] == framework.mandatory_criteria
    assert rule.data["other_criteria_count"] == len(framework.criteria) - len(framework.mandatory_criteria)


@pytest.mark.parametrize(
    ("level", "appendix", "standard_3", "criterion_3_5"),
    [
        ("mầm non", "Phụ lục I", "…và phát triển trẻ em", "Kết quả phát triển và sự tiến bộ của trẻ"),
        ("tiểu học", "Phụ lục II", "…và phát triển học sinh",
         "Kết quả học tập, phát triển, rèn luyện và sự tiến bộ của học sinh"),
        ("GDTX", "Phụ lục III", "…và phát triển người học",
         "Kết quả học tập, phát triển, rèn luyện và sự tiến bộ của người học"),
    ],
)
def test_2026_titles_follow_the_appendix_of_the_school_level(catalogue, level, appendix, standard_3,
                                                             criterion_3_5) -> None:
    framework = catalogue.frameworks["tt-2026"]
    assert framework.appendix_for(level) == appendix
    standard = next(s for s in framework.standards if s.id == "3")
    assert standard.title_for(level).endswith(standard_3.removeprefix("…"))
    assert framework.criteria["3.5"].title_for(level) == criterion_3_5
    assert framework.criteria["1.1"].title_for(level) == framework.criteria["1.1"].title


def test_a_form_id_must_match_its_file_name(tmp_path) -> None:
    from site_builder.errors import CatalogueError

    (tmp_path / "catalogue" / "forms").mkdir(parents=True)
    (tmp_path / "catalogue" / "frameworks").mkdir()
    text = (ROOT / "catalogue" / "forms" / "guidance-2018.yml").read_text(encoding="utf-8")
    (tmp_path / "catalogue" / "forms" / "other.yml").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"other\.yml"):
        load_catalogue(tmp_path)
