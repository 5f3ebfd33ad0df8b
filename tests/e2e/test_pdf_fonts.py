"""Which typeface the PDF is set in, decided by fontconfig (issue 10): Times New Roman whenever fontconfig
finds it, Liberation Serif otherwise; the build output and the PDF metadata say which.

Both paths run `site-builder pdf` in a subprocess whose fontconfig sees only a temporary fonts directory
(FONTCONFIG_FILE pointing at a fonts.conf written here). Times New Roman cannot be shipped or downloaded
here, so the "Times New Roman" of the second path is honestly a stand-in: Liberation Serif's four files
with their family name rewritten to "Times New Roman" by fontTools. It proves the selection, the
@font-face mapping, the metadata and the font names in the PDF, not the look of Microsoft's font (which
has the same metrics as Liberation Serif).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from fontTools.ttLib import TTFont

from site_builder import typeface

ROOT = Path(__file__).resolve().parents[2]
PLAN = "mn-chua-ro-ten-a"  # the shortest example plan


def _liberation_files() -> list[Path]:
    found = typeface.find_typeface()
    if found.family != typeface.FALLBACK or len(found.faces) != 4:
        pytest.skip("needs the four Liberation Serif files (and no Times New Roman) on this machine")
    return [face.path for face in found.faces]


def _renamed(source: Path, target: Path, family: str) -> None:
    """Copy a font with its family name rewritten (name IDs 1, 4, 6, 16); the style (ID 2) is kept."""
    font = TTFont(str(source))
    names = font["name"]
    style = names.getDebugName(2) or "Regular"
    postscript = f"{family.replace(' ', '')}-{style.replace(' ', '')}"
    for record in names.names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID == 4:
            record.string = family if style == "Regular" else f"{family} {style}"
        elif record.nameID == 6:
            record.string = postscript
    font.save(str(target))


def _fonts_conf(tmp_path: Path, fonts: Path) -> Path:
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{fonts}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    return conf


def _build(tmp_path: Path, fonts: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "catalogue", repo / "catalogue")
    shutil.copytree(ROOT / "plans" / PLAN, repo / "plans" / PLAN)
    env = {**os.environ, "FONTCONFIG_FILE": str(_fonts_conf(tmp_path, fonts)),
           "SITE_BUILDER_PDF_CACHE": str(tmp_path / "cache"), "SITE_URL": "https://kiemdinh.example.vn/"}
    run = subprocess.run([sys.executable, "-m", "site_builder", "--root", str(repo), "pdf", "--out",
                          str(tmp_path / "out"), "--jobs", "1"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    return run, next((tmp_path / "out").rglob("*.pdf"))


def _font_names(pdf: Path) -> set[str]:
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return {line.split()[0].split("+")[-1] for line in lines}


def test_liberation_serif_when_fontconfig_has_no_times_new_roman(tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    for path in _liberation_files():
        shutil.copy(path, fonts / path.name)
    run, pdf = _build(tmp_path, fonts)
    assert "Phông chữ: Liberation Serif (thay cho Times New Roman" in run.stderr
    with pdfplumber.open(pdf) as document:
        assert "phông chữ: Liberation Serif (thay cho Times New Roman" in document.metadata["Creator"]
    assert {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic"} <= _font_names(pdf)


def test_times_new_roman_whenever_fontconfig_finds_it(tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    for path in _liberation_files():
        shutil.copy(path, fonts / path.name)  # both families present: Times New Roman must win
        _renamed(path, fonts / path.name.replace("LiberationSerif", "TimesNewRomanStandIn"), "Times New Roman")
    run, pdf = _build(tmp_path, fonts)
    assert "Phông chữ: Times New Roman (theo Nghị định 30/2020/NĐ-CP)" in run.stderr
    with pdfplumber.open(pdf) as document:
        assert document.metadata["Creator"] == "site-builder; phông chữ: Times New Roman (theo Nghị định 30/2020/NĐ-CP)"
    # WeasyPrint names a font after Pango's family string, which for the renamed stand-in reads
    # "Times New Roman," (pdffonts: Times-New-Roman,-Bold): the comma is dropped before comparing.
    names = {name.replace(",", "") for name in _font_names(pdf)}
    assert {"Times-New-Roman", "Times-New-Roman-Bold", "Times-New-Roman-Italic"} <= names
    assert not any(name.startswith("Liberation") for name in names)
