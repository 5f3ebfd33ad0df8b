"""Link-preview cards (og:image), drawn at build time with Pillow in the PDF's serif typeface.

One 1200×630 PNG per plan, per school and for the home page, at the paths in site_builder/paths.py.
Deterministic (no PNG text chunks, no dates: the same inputs give the same bytes) and cached like the
PDFs: .cache/cards/<sha256 of the card's text, the font files and this module>.png.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from multiprocessing import get_context
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont

from .. import paths
from ..model.plan import Status
from ..model.project import PlanDoc, Project
from ..present.sanitize import plain_line
from ..typeface import Typeface, find_typeface

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BACKGROUND = (252, 250, 245)
BAND = (27, 58, 107)
INK = (28, 28, 28)
MUTED = (85, 85, 85)
CACHE_ENV = "SITE_BUILDER_CARD_CACHE"
SITE_LINE = "Kế hoạch cải tiến chất lượng giáo dục · công khai cho cha mẹ học sinh"
MAX_TITLE_LINES = 3
PER_WORKER = 16  # cards to draw before a second process is worth its start-up


@dataclass(frozen=True)
class Card:
    """What one card says: a title (wrapped), a line under it, and a line of figures."""

    title: str
    subtitle: str
    figures: str


@dataclass
class CardBuild:
    paths: dict[str, Path] = field(default_factory=dict)  # site-relative path -> written file
    rendered: list[str] = field(default_factory=list)


def year_label(year: str) -> str:
    return year.replace("-", "–")


def plan_card(doc: PlanDoc) -> Card:
    entries = len(doc.plan.entries)
    done = doc.status_counts().get(Status.done, 0)
    return Card(doc.school.display_name, f"Kế hoạch cải tiến chất lượng năm học {year_label(doc.year)}",
                f"{entries} nội dung cải tiến · {done} đã hoàn thành")


def school_card(name: str, plans: list[PlanDoc]) -> Card:
    years = sorted({year_label(d.year) for d in plans}, reverse=True)
    latest = f"Năm học gần nhất: {years[0]}" if years else "Chưa có kế hoạch"
    return Card(name, "Kế hoạch cải tiến chất lượng giáo dục", f"{len(plans)} kế hoạch · {latest}")


def home_card(project: Project) -> Card:
    return Card("Kế hoạch cải tiến chất lượng giáo dục", "Công khai cho cha mẹ học sinh",
                f"{len(project.schools)} trường · {len(project.plans)} kế hoạch")


def _face(typeface: Typeface, weight: str) -> Path | None:
    for face in typeface.faces:
        if face.weight == weight and face.style == "normal":
            return face.path
    return typeface.faces[0].path if typeface.faces else None


def _font(typeface: Typeface, weight: str, size: int) -> ImageFont.FreeTypeFont:
    path = _face(typeface, weight)
    if path is None:
        raise RuntimeError("Không tìm thấy phông chữ có chân để vẽ ảnh xem trước; cài fonts-liberation2.")
    return ImageFont.truetype(str(path), size)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Words into lines no wider than width (a word longer than a line stands alone)."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _fit_title(text: str, typeface: Typeface) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest title size (72 down to 40) at which the title fits in three lines; else cut with …."""
    for size in range(72, 38, -4):
        font = _font(typeface, "bold", size)
        lines = wrap(text, font, WIDTH - 2 * MARGIN)
        if len(lines) <= MAX_TITLE_LINES:
            return font, lines
    return font, [*lines[:MAX_TITLE_LINES - 1], lines[MAX_TITLE_LINES - 1] + " …"]


def draw(card: Card, typeface: Typeface) -> bytes:
    """The card as PNG bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, 20), fill=BAND)
    pen.rectangle((0, HEIGHT - 96, WIDTH, HEIGHT), fill=BAND)
    small = _font(typeface, "normal", 30)
    pen.text((MARGIN, 64), plain_line(card.subtitle), font=_font(typeface, "normal", 38), fill=MUTED)
    title_font, lines = _fit_title(plain_line(card.title), typeface)
    y = 140
    for line in lines:
        pen.text((MARGIN, y), line, font=title_font, fill=INK)
        y += int(title_font.size * 1.25)
    pen.text((MARGIN, HEIGHT - 170), plain_line(card.figures), font=_font(typeface, "bold", 40), fill=BAND)
    pen.text((MARGIN, HEIGHT - 66), SITE_LINE, font=small, fill=BACKGROUND)
    out = io.BytesIO()
    # zlib level 1: 11 ms instead of 28 ms a card (level 6, the default) for ~20 % more bytes (53 KB);
    # optimize=True took 60 % of a card's time for 4 % fewer bytes
    image.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def _draw_all(cards: dict[str, Card], typeface: Typeface, cores: int | None = None) -> Iterator[tuple[str, bytes]]:
    """Every card drawn, on up to `cores` processes (default: all) when there are many (the same bytes either way)."""
    workers = min(cores or os.cpu_count() or 1, max(1, len(cards) // PER_WORKER))
    if workers <= 1:
        for rel, card in cards.items():
            yield rel, draw(card, typeface)
        return
    rels = list(cards)
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        yield from zip(rels, pool.map(draw, [cards[r] for r in rels], [typeface] * len(rels), chunksize=8),
                       strict=True)


def default_cache_dir(root: Path) -> Path:
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else root / ".cache" / "cards"


def cache_key(card: Card, typeface: Typeface) -> str:
    """SHA-256 over the card's text, the font files and this module's source."""
    sha = hashlib.sha256()
    parts = [card.title, card.subtitle, card.figures, PIL.__version__]
    for part in [*parts, Path(__file__).read_text(encoding="utf-8")]:
        data = part.encode("utf-8")
        sha.update(f"{len(data)}\0".encode())
        sha.update(data)
    sha.update(_faces_digest(typeface))
    return sha.hexdigest()


@cache
def _faces_digest(typeface: Typeface) -> bytes:
    """The font files' digest, read once per build (not once per card)."""
    sha = hashlib.sha256()
    for face in typeface.faces:
        sha.update(face.path.read_bytes())
    return sha.digest()


def project_cards(project: Project) -> dict[str, Card]:
    """Site-relative path -> card, for the home page, every school and every plan (examples included)."""
    cards = {paths.home_card(): home_card(project)}
    for slug, school in sorted(project.schools.items()):
        cards[paths.school_card(slug)] = school_card(school.display_name, project.plans_of(slug))
    for doc in [*project.plans, *project.examples]:
        cards[paths.plan_card(doc.school.slug, doc.year, example=doc.example)] = plan_card(doc)
    return cards


def build_cards(project: Project, out_dir: Path, *, cache_dir: Path | None = None) -> CardBuild:
    """Write every card under out_dir, drawing only those the cache does not hold."""
    return place_cards(draw_cards(project, cache_dir=cache_dir), out_dir)


@dataclass
class DrawnCards:
    """Every card of the project in the cache: site-relative path -> cached PNG; which were drawn now."""

    cached: dict[str, Path]
    rendered: list[str]


def draw_cards(project: Project, *, cache_dir: Path | None = None, cores: int | None = None) -> DrawnCards:
    """Draw into the cache the cards it does not hold yet. Writes nothing into the site, so the build runs
    it while the site generator (one core) builds the pages, which would delete files put in the site."""
    typeface = find_typeface()
    store = cache_dir or default_cache_dir(project.root)
    store.mkdir(parents=True, exist_ok=True)
    cards = {rel: (card, store / f"{cache_key(card, typeface)}.png") for rel, card in project_cards(project).items()}
    missing = {rel: item for rel, item in cards.items() if not item[1].is_file()}
    drawn = DrawnCards({rel: cached for rel, (_card, cached) in cards.items()}, [])
    for rel, png in _draw_all({rel: card for rel, (card, _) in missing.items()}, typeface, cores):
        cached = missing[rel][1]
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(png)
        tmp.replace(cached)
        drawn.rendered.append(rel)
    return drawn


def place_cards(drawn: DrawnCards, out_dir: Path) -> CardBuild:
    """Copy every card from the cache to its path under out_dir."""
    build = CardBuild(rendered=drawn.rendered)
    for rel, cached in drawn.cached.items():
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
        build.paths[rel] = target
    return build
