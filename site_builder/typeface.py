"""The typeface of the official document, found with fontconfig: Times New Roman when this machine has
it (Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I, mục I khoản 4), Liberation Serif otherwise.

Liberation Serif is free and metric-compatible with Times New Roman (same advance widths, so the
same line breaks) and covers Vietnamese. Times New Roman cannot be shipped with the project: a
district installs it on its build machine (scripts/install-ms-fonts.sh; the publish workflow runs it
when the repository variable INSTALL_MS_FONTS is "true").

Shared by check (which characters no face can print: a warning at file:line:column) and pdf (the
@font-face rules that load the four files by path), so both use the same fonts. Imports no stage.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PREFERRED = "Times New Roman"
FALLBACK = "Liberation Serif"
FAMILIES = (PREFERRED, FALLBACK)
# (CSS font-weight, CSS font-style, fontconfig style)
STYLES: tuple[tuple[str, str, str], ...] = (
    ("normal", "normal", "Regular"),
    ("bold", "normal", "Bold"),
    ("normal", "italic", "Italic"),
    ("bold", "italic", "Bold Italic"),
)
INSTALL_HINT = "scripts/install-system-deps.sh (apt: fonts-liberation2)"
MS_FONTS_HINT = "scripts/install-ms-fonts.sh (apt: ttf-mscorefonts-installer)"


@dataclass(frozen=True)
class FontFace:
    weight: str
    style: str
    path: Path


@dataclass(frozen=True)
class Typeface:
    """The family the document is set in, its four faces, and what was missing."""

    family: str
    faces: tuple[FontFace, ...]
    warnings: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.warnings

    @property
    def is_preferred(self) -> bool:
        return self.family == PREFERRED and self.ok

    def describe(self) -> str:
        """One line for the build output and the PDF metadata, in Vietnamese."""
        if self.is_preferred:
            return f"{PREFERRED} (theo Nghị định 30/2020/NĐ-CP)"
        return (f"{self.family} (thay cho {PREFERRED}, cùng kích thước chữ; máy dựng trang không có "
                f"{PREFERRED}: xem {MS_FONTS_HINT})")


def fc_match(family: str, style: str) -> tuple[str, str, Path] | None:
    """(family, style, file) fontconfig picks for family:style, or None without fontconfig."""
    if shutil.which("fc-match") is None:
        return None
    result = subprocess.run(
        ["fc-match", "-f", "%{family}|%{style}|%{file}", f"{family}:style={style}"],
        capture_output=True, text=True, check=False,
    )
    found, _, rest = result.stdout.partition("|")
    found_style, _, file = rest.partition("|")
    if result.returncode != 0 or not file:
        return None
    return found.split(",")[0], found_style.split(",")[0], Path(file)


def _faces(family: str) -> tuple[list[FontFace], list[tuple[str, str | None]]]:
    """The faces of family fontconfig has, and (style, what it gave instead) for each one missing."""
    faces: list[FontFace] = []
    missing: list[tuple[str, str | None]] = []
    for weight, css_style, fc_style in STYLES:
        match = fc_match(family, fc_style)
        if match and match[0] == family and match[1] == fc_style and match[2].is_file():
            faces.append(FontFace(weight, css_style, match[2]))
        else:
            missing.append((fc_style, match[0] if match else None))
    return faces, missing


def _missing_warning(family: str, style: str, found: str | None) -> str:
    got = f" (fontconfig đưa ra / gives “{found}”)" if found else ""
    return (
        f"CẢNH BÁO: không tìm thấy phông {family} {style}{got}; bản PDF sẽ không đúng phông "
        f"Nghị định 30/2020. Hãy cài bằng {INSTALL_HINT}. / "
        f"WARNING: font {family} {style} not found{got}; the PDF will not use the Nghị định 30/2020 "
        f"typeface. Install it with {INSTALL_HINT}."
    )


@cache
def find_typeface() -> Typeface:
    """Times New Roman when fontconfig has all four styles of it, else Liberation Serif (warnings list
    the Liberation Serif styles missing). Never a mix of two families."""
    preferred, missing = _faces(PREFERRED)
    if not missing:
        return Typeface(PREFERRED, tuple(preferred), ())
    faces, missing = _faces(FALLBACK)
    warnings = tuple(_missing_warning(FALLBACK, style, found) for style, found in missing)
    return Typeface(FALLBACK, tuple(faces), warnings)


@cache
def covered_codepoints(typeface: Typeface) -> frozenset[int]:
    """Code points every face of the typeface has a glyph for (empty when no face was found)."""
    from fontTools.ttLib import TTFont

    sets = [set(TTFont(str(face.path), lazy=True).getBestCmap()) for face in typeface.faces]
    return frozenset(set.intersection(*sets)) if sets else frozenset()


def printable(char: str) -> bool:
    """Whether a character needs a glyph (controls and spaces do not)."""
    return ord(char) > 0x20 and char not in "\u00a0\u00ad\u200b\u200c\u200d\ufeff"


def uncovered(text: str, typeface: Typeface) -> list[str]:
    """Characters of text (in order of first use) that the typeface cannot draw; [] when no face is known."""
    covered = covered_codepoints(typeface)
    if not covered:
        return []
    return list(dict.fromkeys(c for c in text if printable(c) and ord(c) not in covered))
