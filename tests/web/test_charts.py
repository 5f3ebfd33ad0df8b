"""Build-time SVG charts: well-formed, labelled, proportional, no style attributes or scripts."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from site_builder.model.plan import Status
from site_builder.present.progress import AccreditationPoint, Tally
from site_builder.web.charts import accreditation_chart, progress_chart

SVG = "{http://www.w3.org/2000/svg}"


def _tally(done: int, in_progress: int, unknown: int) -> Tally:
    tally = Tally()
    tally.add(Status.done, done)
    tally.add(Status.in_progress, in_progress)
    tally.add(None, unknown)
    return tally


def test_progress_bars_are_proportional() -> None:
    svg = ET.fromstring(str(progress_chart([("Tiêu chuẩn 1", _tally(1, 1, 2)), ("Tiêu chuẩn 2", _tally(3, 0, 0))],
                                           "Tiến độ", "t")))
    assert svg.find(f"{SVG}title").text == "Tiến độ"
    assert "Tiêu chuẩn 1: 1 đã hoàn thành, 1 đang thực hiện" in svg.find(f"{SVG}desc").text
    bars = [r for r in svg.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    widths = [float(r.get("width")) for r in bars]
    assert widths[0] == widths[1] and abs(widths[2] - 2 * widths[0]) < 0.2  # 1 : 1 : 2 of the first row
    assert abs(widths[3] - sum(widths[:3])) < 0.2  # 3 of 3 fills the second row
    text = ET.tostring(svg, encoding="unicode")
    assert "style=" not in text and "<script" not in text


def test_accreditation_chart_shows_level_and_counts_per_year() -> None:
    points = [AccreditationPoint("2023-2024", 1, {1: (20, 25), 2: (10, 25)}),
              AccreditationPoint("2024-2025", 2, {1: (25, 25), 2: (22, 25)})]
    svg = ET.fromstring(str(accreditation_chart(points, [1, 2, 3, 4], "Kiểm định", "k")))
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert {"Mức 1", "Mức 2", "2023-2024", "2024-2025", "22/25"} <= set(texts)
    assert "Năm học 2024-2025: Mức 2 (Mức 1: 25/25 tiêu chí, Mức 2: 22/25 tiêu chí)" in svg.find(f"{SVG}desc").text


def test_levels_alone_are_drawn_as_columns() -> None:
    svg = ET.fromstring(str(accreditation_chart([AccreditationPoint("2023-2024", 1, {}),
                                                 AccreditationPoint("2024-2025", 2, {})], [1, 2, 3], "K", "k")))
    columns = [r for r in svg.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert [float(r.get("height")) for r in columns][1] == 2 * float(columns[0].get("height"))
    assert svg.find(f"{SVG}desc").text == "Năm học 2023-2024: Mức 1; Năm học 2024-2025: Mức 2."
