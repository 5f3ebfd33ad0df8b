"""Charts drawn at build time as static SVG, inline in the page: no script, no third-party code.

Colours are presentation attributes (fill=…), not style attributes, so a Content-Security-Policy
without 'unsafe-inline' styles still draws them. Every chart has a <title> and a <desc>, and the page
always shows the same numbers in a table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markupsafe import Markup

from ..present.progress import AccreditationPoint, Tally

COLOURS = {"done": "#2e7d32", "in_progress": "#e0a800", "not_started": "#5c6bc0", "unknown": "#b0b4bd"}
LABELS = {"done": "Đã hoàn thành", "in_progress": "Đang thực hiện", "not_started": "Chưa thực hiện",
          "unknown": "Chưa ghi tình trạng"}
LEVEL_COLOURS = {1: "#90caf9", 2: "#42a5f5", 3: "#1565c0", 4: "#0d306b"}
FONT = 'font-family="Roboto, Helvetica, Arial, sans-serif"'
WIDTH = 720


def _text(x: float, y: float, text: str, *, size: int = 13, anchor: str = "start", weight: str = "normal",
          fill: str = "#1f2329") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}" '
            f'fill="{fill}" {FONT}>{escape(text)}</text>')


def _svg(height: float, title: str, desc: str, body: list[str], chart_id: str) -> Markup:
    head = (f'<svg class="kh-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
            f'width="{WIDTH}" height="{height:.0f}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d">'
            f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>')
    return Markup(head + "".join(body) + "</svg>")


def _legend(y: float, keys: Sequence[str]) -> list[str]:
    parts, x = [], 0.0
    for key in keys:
        parts.append(f'<rect x="{x:.1f}" y="{y - 11:.1f}" width="14" height="14" fill="{COLOURS[key]}"/>')
        parts.append(_text(x + 20, y, LABELS[key], size=12))
        x += 28 + 7.2 * len(LABELS[key])
    return parts


def progress_chart(rows: Sequence[tuple[str, Tally]], title: str, chart_id: str) -> Markup:
    """One stacked bar per row (a standard): entries done, in progress, not started, unknown, as shares."""
    bar_width, row_height, top = WIDTH - 90, 46, 28
    body = _legend(14, list(COLOURS))
    descriptions = []
    for index, (label, tally) in enumerate(rows):
        y = top + index * row_height
        body.append(_text(0, y + 13, label, size=13))
        x = 0.0
        for key, count in tally.parts():
            if not count or not tally.total:
                continue
            width = bar_width * count / tally.total
            body.append(f'<rect x="{x:.1f}" y="{y + 19:.1f}" width="{width:.1f}" height="18" fill="{COLOURS[key]}">'
                        f'<title>{escape(f"{label}: {count} {LABELS[key].lower()}")}</title></rect>')
            x += width
        body.append(_text(WIDTH, y + 33, f"{tally.done}/{tally.total}", size=13, anchor="end", weight="bold"))
        descriptions.append(f"{label}: {tally.done} đã hoàn thành, {tally.in_progress} đang thực hiện, "
                            f"{tally.not_started} chưa thực hiện, {tally.unknown} chưa ghi tình trạng")
    height = top + len(rows) * row_height + 4
    return _svg(height, title, "; ".join(descriptions) + ".", body, chart_id)


def accreditation_chart(points: Sequence[AccreditationPoint], levels: Sequence[int], title: str,
                        chart_id: str) -> Markup:
    """Per school year: the level the school reported (“Mức 2”) and, per level, criteria met out of total.
    Without any counts, the levels alone are drawn (level_chart)."""
    if not any(point.counts for point in points):
        return level_chart(points, levels, title, chart_id)
    shown = [level for level in levels if level <= 3] or [1, 2, 3]
    peak = max([total for p in points for _met, total in p.counts.values()] + [1])
    plot_top, plot_height, left = 56, 180, 40
    group = (WIDTH - left) / max(len(points), 1)
    bar = min(36.0, (group - 24) / len(shown))
    body = []
    for index, level in enumerate(shown):
        x = index * 120
        body.append(f'<rect x="{x}" y="3" width="14" height="14" fill="{LEVEL_COLOURS[level]}"/>')
        body.append(_text(x + 20, 15, f"Đạt Mức {level}", size=12))
    body.append(_text(WIDTH, 15, "ô nhạt: tổng số tiêu chí của mức", size=12, anchor="end", fill="#4f5664"))
    base = plot_top + plot_height
    body.append(f'<line x1="{left}" y1="{base}" x2="{WIDTH}" y2="{base}" stroke="#4f5664" stroke-width="1"/>')
    body.append(_text(left - 6, base + 4, "0", size=11, anchor="end"))
    body.append(_text(left - 6, plot_top + 4, str(peak), size=11, anchor="end"))
    descriptions = []
    for index, point in enumerate(points):
        x0 = left + index * group + 12
        centre = left + index * group + group / 2
        level_text = f"Mức {point.level}" if point.level else "Chưa ghi mức"
        body.append(_text(centre, plot_top - 10, level_text, size=14, anchor="middle", weight="bold"))
        body.append(_text(centre, base + 20, point.year, size=13, anchor="middle"))
        parts = []
        for slot, level in enumerate(shown):
            met, total = point.counts.get(level, (0, 0))
            x = x0 + slot * bar
            if total:
                h_total = plot_height * total / peak
                h_met = plot_height * met / peak
                body.append(f'<rect x="{x:.1f}" y="{base - h_total:.1f}" width="{bar - 4:.1f}" height="{h_total:.1f}" '
                            f'fill="{LEVEL_COLOURS[level]}" fill-opacity="0.25"/>')
                tip = escape(f"{point.year}, Mức {level}: {met}/{total}")
                body.append(f'<rect x="{x:.1f}" y="{base - h_met:.1f}" width="{bar - 4:.1f}" height="{h_met:.1f}" '
                            f'fill="{LEVEL_COLOURS[level]}"><title>{tip}</title></rect>')
                body.append(_text(x + (bar - 4) / 2, base - h_total - 4, f"{met}/{total}", size=11, anchor="middle"))
                parts.append(f"Mức {level}: {met}/{total} tiêu chí")
        descriptions.append(f"Năm học {point.year}: {level_text}" + (f" ({', '.join(parts)})" if parts else ""))
    return _svg(base + 30, title, "; ".join(descriptions) + "." if descriptions else "Chưa có số liệu.", body,
                chart_id)


def level_chart(points: Sequence[AccreditationPoint], levels: Sequence[int], title: str, chart_id: str) -> Markup:
    """One column per school year, as high as the level the school reported (Mức 1 … Mức 4)."""
    top_level = max([*levels, *(p.level or 0 for p in points)]) or 1
    plot_top, step, left = 16, 34, 60
    base = plot_top + step * top_level
    group = (WIDTH - left) / max(len(points), 1)
    body = []
    for level in range(1, top_level + 1):
        y = base - step * level
        body.append(f'<line x1="{left}" y1="{y}" x2="{WIDTH}" y2="{y}" stroke="#d5d8e0" stroke-width="1"/>')
        body.append(_text(left - 8, y + 4, f"Mức {level}", size=11, anchor="end"))
    body.append(f'<line x1="{left}" y1="{base}" x2="{WIDTH}" y2="{base}" stroke="#4f5664" stroke-width="1"/>')
    descriptions = []
    for index, point in enumerate(points):
        centre = left + index * group + group / 2
        width = min(80.0, group - 24)
        if point.level:
            height = step * point.level
            body.append(f'<rect x="{centre - width / 2:.1f}" y="{base - height}" width="{width:.1f}" height="{height}" '
                        f'fill="{LEVEL_COLOURS.get(point.level, LEVEL_COLOURS[4])}"><title>'
                        f'{escape(f"{point.year}: Mức {point.level}")}</title></rect>')
        body.append(_text(centre, base + 18, point.year, size=13, anchor="middle"))
        descriptions.append(f"Năm học {point.year}: " + (f"Mức {point.level}" if point.level else "chưa ghi mức"))
    return _svg(base + 28, title, "; ".join(descriptions) + ".", body, chart_id)
