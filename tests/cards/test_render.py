"""Preview cards: size, determinism, cache, every Vietnamese letter drawn by the serif typeface."""

from __future__ import annotations

import io

from PIL import Image

from site_builder.cards.render import Card, build_cards, draw, project_cards
from site_builder.typeface import find_typeface, uncovered

CARD = Card("Trường Trung học cơ sở Nguyễn Đình Chiểu – Ấp Mỹ Phước, xã Đồng Tháp Mười rất dài để xuống dòng",
            "Kế hoạch cải tiến chất lượng năm học 2024–2025", "12 nội dung cải tiến · 3 đã hoàn thành")
VIETNAMESE = "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸđĐơƠưƯ"


def test_card_is_a_small_deterministic_png() -> None:
    typeface = find_typeface()
    first, second = draw(CARD, typeface), draw(CARD, typeface)
    assert first == second
    assert len(first) < 300_000
    with Image.open(io.BytesIO(first)) as image:
        assert image.size == (1200, 630) and image.format == "PNG"
        assert not image.info  # no text chunks, no dates


def test_typeface_draws_every_vietnamese_letter() -> None:
    typeface = find_typeface()
    assert typeface.faces
    assert uncovered(VIETNAMESE + VIETNAMESE.lower(), typeface) == []


def test_different_text_draws_a_different_card() -> None:
    typeface = find_typeface()
    other = Card(CARD.title, CARD.subtitle, "12 nội dung cải tiến · 4 đã hoàn thành")
    assert draw(other, typeface) != draw(CARD, typeface)


def test_build_cards_writes_every_card_and_reuses_the_cache(real_project, tmp_path) -> None:
    cards = project_cards(real_project)
    assert len(cards) == 1 + len(real_project.schools) + len(real_project.plans) + len(real_project.examples)
    first = build_cards(real_project, tmp_path / "a", cache_dir=tmp_path / "cache")
    second = build_cards(real_project, tmp_path / "b", cache_dir=tmp_path / "cache")
    assert sorted(first.rendered) == sorted(cards) and second.rendered == []
    for rel in cards:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()
