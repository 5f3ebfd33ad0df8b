"""The PDF's typeface: Liberation Serif (metric-compatible with Times New Roman, full Vietnamese).

Nghị định 30/2020 asks for Times New Roman. We locate Liberation Serif with fontconfig and
load its four files by path (@font-face), so the PDF never depends on what the system would
substitute. When a style is missing we warn, in Vietnamese and English; we never fall back
silently.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FAMILY = "Liberation Serif"
# (CSS font-weight, CSS font-style, fontconfig style)
STYLES: tuple[tuple[str, str, str], ...] = (
    ("normal", "normal", "Regular"),
    ("bold", "normal", "Bold"),
    ("normal", "italic", "Italic"),
    ("bold", "italic", "Bold Italic"),
)
INSTALL_HINT = "scripts/install-system-deps.sh (apt: fonts-liberation2)"


@dataclass(frozen=True)
class FontFace:
    weight: str
    style: str
    path: Path


@dataclass(frozen=True)
class FontCheck:
    faces: tuple[FontFace, ...]
    warnings: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.warnings


def _fc_match(style: str) -> tuple[str, Path] | None:
    """(family, file) fontconfig picks for Liberation Serif in this style, or None without fontconfig."""
    if shutil.which("fc-match") is None:
        return None
    result = subprocess.run(
        ["fc-match", "-f", "%{family}|%{file}", f"{FAMILY}:style={style}"],
        capture_output=True, text=True, check=False,
    )
    family, _, file = result.stdout.partition("|")
    if result.returncode != 0 or not file:
        return None
    return family.split(",")[0], Path(file)


def _missing_warning(style: str, found: str | None) -> str:
    got = f" (fontconfig đưa ra / gives “{found}”)" if found else ""
    return (
        f"CẢNH BÁO: không tìm thấy phông {FAMILY} {style}{got}; bản PDF sẽ không đúng phông "
        f"Nghị định 30/2020. Hãy cài bằng {INSTALL_HINT}. / "
        f"WARNING: font {FAMILY} {style} not found{got}; the PDF will not use the Nghị định 30/2020 "
        f"typeface. Install it with {INSTALL_HINT}."
    )


@cache
def check_fonts() -> FontCheck:
    """Find the four Liberation Serif files with fontconfig; warnings list what is missing."""
    faces: list[FontFace] = []
    warnings: list[str] = []
    for weight, css_style, fc_style in STYLES:
        match = _fc_match(fc_style)
        if match and match[0] == FAMILY and match[1].is_file():
            faces.append(FontFace(weight, css_style, match[1]))
        else:
            warnings.append(_missing_warning(fc_style, match[0] if match else None))
    return FontCheck(tuple(faces), tuple(warnings))


def warn_missing_fonts() -> FontCheck:
    """check_fonts(), printing each warning to stderr."""
    check = check_fonts()
    for warning in check.warnings:
        print(warning, file=sys.stderr)
    return check


def font_face_css(check: FontCheck) -> str:
    """@font-face rules that load the files found, by path."""
    rules = []
    for face in check.faces:
        rules.append(
            f'@font-face {{ font-family: "{FAMILY}"; font-weight: {face.weight}; '
            f'font-style: {face.style}; src: url("{face.path.as_uri()}"); }}'
        )
    return "\n".join(rules)


def fonts_fingerprint(check: FontCheck) -> str:
    """SHA-256 of the font files' paths and bytes (part of the PDF cache key)."""
    digest = hashlib.sha256()
    for face in check.faces:
        digest.update(str(face.path).encode())
        digest.update(face.path.read_bytes())
    for warning in check.warnings:
        digest.update(warning.encode())
    return digest.hexdigest()


# --------------------------------------------------------------------------- characters the font lacks

# Tried, in order, for characters Liberation Serif has no glyph for (e.g. stray Chinese characters
# a conversion tool left in a plan). Isolating them keeps the Liberation Serif subsets free of
# missing glyphs: WeasyPrint then writes them with the standard Identity-H encoding, which every
# PDF text extractor reads (a missing glyph switches the whole font to a custom CMap that
# pdfminer/pdfplumber cannot decode).
FALLBACK_FAMILIES = '"Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "AR PL UMing CN", "DejaVu Sans"'
BODY_TEXT_RE = re.compile(r">([^<]+)<")


@cache
def covered_codepoints(check: FontCheck) -> frozenset[int]:
    """Code points every found Liberation Serif face has a glyph for (empty when none is found)."""
    from fontTools.ttLib import TTFont

    sets = [set(TTFont(str(face.path), lazy=True).getBestCmap()) for face in check.faces]
    return frozenset(set.intersection(*sets)) if sets else frozenset()


def uncovered(text: str, check: FontCheck) -> list[str]:
    """Characters of text (in order of first use) that the font cannot draw."""
    covered = covered_codepoints(check)
    if not covered:
        return []
    return list(dict.fromkeys(c for c in text if ord(c) > 0x20 and ord(c) not in covered))


def isolate_uncovered(html: str, check: FontCheck) -> str:
    """Wrap the characters the font lacks in <span class="glyph-fallback"> (text nodes of <body> only)."""
    head, sep, body = html.partition("<body>")
    missing = set(uncovered(body, check))
    if not sep or not missing:
        return html

    def wrap(match: re.Match[str]) -> str:
        text = "".join(f'<span class="glyph-fallback">{c}</span>' if c in missing else c for c in match[1])
        return f">{text}<"

    return head + sep + BODY_TEXT_RE.sub(wrap, body)


def uncovered_warning(rel: str, chars: list[str]) -> str:
    listed = ", ".join(f"{c} (U+{ord(c):04X})" for c in chars)
    return (
        f"CẢNH BÁO: {rel} có ký tự mà phông {FAMILY} không có: {listed}; bản PDF in các ký tự này bằng phông "
        f"khác ({FALLBACK_FAMILIES}) hoặc thành ô trống nếu máy không có phông nào có chúng. / "
        f"WARNING: {rel} has characters {FAMILY} lacks: {listed}; the PDF sets them in another font "
        "or as empty boxes when no installed font has them."
    )
