"""The PDF's fonts: @font-face rules for the document typeface (typeface.find_typeface: Times New Roman
when fontconfig finds it, Liberation Serif otherwise), loaded by path so the PDF never depends on what
the system would substitute, and a fallback for characters that typeface lacks.

A missing style is warned about, in Vietnamese and English; we never fall back silently.
"""

from __future__ import annotations

import hashlib
import re
import sys

from ..typeface import Typeface, find_typeface, uncovered

FALLBACK_FAMILIES = '"Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "AR PL UMing CN", "DejaVu Sans"'
BODY_TEXT_RE = re.compile(r">([^<]+)<")

__all__ = ["Typeface", "find_typeface", "font_face_css", "fonts_fingerprint", "isolate_uncovered", "uncovered",
           "uncovered_warning", "warn_missing_fonts"]


def warn_missing_fonts() -> Typeface:
    """find_typeface(), printing each warning to stderr."""
    typeface = find_typeface()
    for warning in typeface.warnings:
        print(warning, file=sys.stderr)
    return typeface


def font_face_css(typeface: Typeface) -> str:
    """@font-face rules that load the files found, by path, under the family's own name (the PDF's font
    names then say which family it is: pdffonts lists e.g. Liberation-Serif-Bold), and the rules that set
    the whole document in it (they follow plan.css, whose family list is only the default)."""
    rules = [
        f'@font-face {{ font-family: "{typeface.family}"; font-weight: {face.weight}; '
        f'font-style: {face.style}; src: url("{face.path.as_uri()}"); }}'
        for face in typeface.faces
    ]
    family = f'"{typeface.family}", serif'
    rules.append(f"html {{ font-family: {family}; }}")
    rules.append(f"@page {{ @top-center {{ font-family: {family}; }} @bottom-center {{ font-family: {family}; }} }}")
    return "\n".join(rules)


def fonts_fingerprint(typeface: Typeface) -> str:
    """SHA-256 of the family, the font files' paths and bytes (part of the PDF cache key)."""
    digest = hashlib.sha256(typeface.family.encode())
    for face in typeface.faces:
        digest.update(str(face.path).encode())
        digest.update(face.path.read_bytes())
    for warning in typeface.warnings:
        digest.update(warning.encode())
    return digest.hexdigest()


# --------------------------------------------------------------------------- characters the font lacks

# Tried, in order, for characters the typeface has no glyph for (e.g. stray Chinese characters a
# conversion tool left in a plan; `check` warns about them at file:line:column). Isolating them keeps
# the typeface's subsets free of missing glyphs: WeasyPrint then writes them with the standard
# Identity-H encoding, which every PDF text extractor reads (a missing glyph switches the whole font
# to a custom CMap that pdfminer/pdfplumber cannot decode).


def isolate_uncovered(html: str, typeface: Typeface) -> str:
    """Wrap the characters the typeface lacks in <span class="glyph-fallback"> (text nodes of <body> only)."""
    head, sep, body = html.partition("<body>")
    missing = set(uncovered(body, typeface))
    if not sep or not missing:
        return html

    def wrap(match: re.Match[str]) -> str:
        text = "".join(f'<span class="glyph-fallback">{c}</span>' if c in missing else c for c in match[1])
        return f">{text}<"

    return head + sep + BODY_TEXT_RE.sub(wrap, body)


def uncovered_warning(rel: str, chars: list[str], family: str) -> str:
    listed = ", ".join(f"{c} (U+{ord(c):04X})" for c in chars)
    return (
        f"CẢNH BÁO: {rel} có ký tự mà phông {family} không có: {listed}; bản PDF in các ký tự này bằng phông "
        f"khác ({FALLBACK_FAMILIES}) hoặc thành ô trống nếu máy không có phông nào có chúng. / "
        f"WARNING: {rel} has characters {family} lacks: {listed}; the PDF sets them in another font "
        "or as empty boxes when no installed font has them."
    )
