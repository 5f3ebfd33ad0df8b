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
