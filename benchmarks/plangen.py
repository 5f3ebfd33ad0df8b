"""Varied synthetic plans for the scale benchmark, in a real git repository.

The templates are the repository's real plans (plans/) and the 2026-form example (examples/), so every
generated plan goes through the same reader, checks and templates as a school's. Each plan varies
systematically from its template: the school (name, short name, level's wording, district, commune),
the school year (shifted, with the document's dates and titles), the number of improvement entries
(the table keeps a prefix of its rows), the narrative (extra paragraphs from the other templates) and a
plan-specific sentence (so the search index sees different words per plan). Schools get one or two plans
(different years); plans are committed in batches dated inside their school year, so publication dates and
history come from git as in a district's repository.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from slugify import slugify

ROOT = Path(__file__).resolve().parent.parent
DISTRICTS = ["Quận 1", "Quận 3", "quận Ngô Quyền", "huyện Nho Quan", "quận Lê Chân", "huyện Đông Anh",
             "thành phố Thủ Đức", "huyện Cần Giờ"]
COMMUNES = ["phường Bến Nghé", "phường Vạn Mỹ", "xã Gia Lâm", "phường Đa Kao", "xã Bình Mẫu", "phường Cầu Đất",
            "xã Tân Phú", "phường Hòa Bình", "xã Yên Thế"]
NAMES = ["Hoa Sen", "Sao Mai", "Lê Lợi", "Nguyễn Trãi", "Trần Hưng Đạo", "Bình Minh", "Hướng Dương", "Đống Đa",
         "Ngọc Hồi", "Quang Trung", "Võ Thị Sáu", "Kim Đồng", "Họa Mi", "Sơn Ca", "Tuổi Thơ", "Ánh Dương"]
ACTIVITIES = ["thư viện xanh", "sân chơi vận động", "góc đọc sách", "vườn rau của bé", "phòng tin học",
              "câu lạc bộ tiếng Anh", "bếp ăn bán trú", "hồ sơ số", "an toàn giao thông", "kỹ năng sống",
              "giáo dục hòa nhập", "bơi an toàn", "steam", "thể dục buổi sáng", "trải nghiệm nông trại"]
ENTRY = re.compile(r"^  - criterion:", re.MULTILINE)
GIT_ENV = {"GIT_AUTHOR_NAME": "Văn phòng", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
           "GIT_COMMITTER_NAME": "Văn phòng", "GIT_COMMITTER_EMAIL": "bench@example.invalid",
           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}


@dataclass(frozen=True)
class Template:
    folder: Path
    plan: Path
    prefix: str  # slug prefix: mn, th
    level_word: str  # "Mầm non", "Tiểu học"
    shifts: tuple[int, ...]  # school-year shifts that stay valid (the 2026 form only forward)

    @property
    def year(self) -> int:
        return int(self.plan.stem[:4])


def templates(root: Path = ROOT) -> list[Template]:
    found = []
    for base in ("plans", "examples"):
        for plan in sorted((root / base).glob("*/*.md")):
            school = (plan.parent / "school.yml").read_text(encoding="utf-8")
            nursery = "level: mầm non" in school
            forward_only = "form: tt-2026" in plan.read_text(encoding="utf-8")[:400]
            found.append(Template(plan.parent, plan, "mn" if nursery else "th",
                                  "Mầm non" if nursery else "Tiểu học",
                                  (0, 1) if forward_only else (0, -1, 1, -2)))
    return found


def git(repo: Path, *args: str, when: str | None = None, given: str | None = None) -> str:
    env = {**os.environ, **GIT_ENV}
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    return subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True,
                          text=True, input=given).stdout


def shift_years(text: str, start: int, shift: int) -> str:
    """The template's school year (and the year after it) moved by shift years, everywhere they occur."""
    if shift == 0:
        return text
    years = {str(start): str(start + shift), str(start + 1): str(start + 1 + shift)}
    return re.sub(rf"(?<![0-9/])(?<![a-z]-){start}(?![0-9])|(?<![0-9/])(?<![a-z]-){start + 1}(?![0-9])",
                  lambda m: years[m.group(0)], text)


def keep_entries(text: str, fraction: float) -> str:
    """Keep the first share of the improvement table's entries (at least one)."""
    starts = [m.start() for m in ENTRY.finditer(text)]
    keep = max(1, round(len(starts) * fraction))
    if keep >= len(starts):
        return text
    cut = starts[keep]
    end = re.compile(r"^\S", re.MULTILINE).search(text, cut)
    assert end is not None
    return text[:cut] + text[end.start():]


def body_paragraphs(root: Path = ROOT) -> list[str]:
    paragraphs = []
    for plan in sorted((root / "plans").glob("*/*.md")):
        body = plan.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        paragraphs += [p.strip() for p in body.split("\n\n") if len(p.strip()) > 200 and not p.startswith("#")]
    return paragraphs


def school_yml(template: Template, index: int) -> str:
    text = (template.folder / "school.yml").read_text(encoding="utf-8")
    name = NAMES[index % len(NAMES)]
    values = {
        "name": f"Trường {template.level_word} {name} số {index}",
        "name_note": "null",
        "short_name": f"{template.prefix.upper()}{index}",
        "district": DISTRICTS[index % len(DISTRICTS)],
        "commune": COMMUNES[(index // 3) % len(COMMUNES)],
    }
    lines = []
    for line in text.splitlines():
        key = line.split(":", 1)[0]
        lines.append(f"{key}: {values[key]}" if key in values and not line.startswith(" ") else line)
    return "\n".join(lines) + "\n"


def plan_text(template: Template, index: int, shift: int, extra: list[str]) -> str:
    text = template.plan.read_text(encoding="utf-8")
    text = keep_entries(text, (1.0, 0.75, 0.5, 0.9)[index % 4])
    text = shift_years(text, template.year, shift)
    words = ", ".join(ACTIVITIES[(index + k) % len(ACTIVITIES)] for k in range(3))
    paragraphs = [f"Năm học này, nhà trường số {index} ưu tiên {words}."]
    paragraphs += [extra[(index * 7 + k) % len(extra)] for k in range(index % 5)]
    return text.rstrip("\n") + "\n\n" + "\n\n".join(paragraphs) + "\n"


def generate(repo: Path, count: int, root: Path = ROOT) -> list[str]:
    """Write count plans (and their schools) into a fresh git repository at repo; return the plans' paths."""
    repo.mkdir(parents=True, exist_ok=True)
    for name in ("catalogue", "docs", "examples"):  # examples/: the guide links to the example plan
        shutil.copytree(root / name, repo / name)
    shutil.copy2(root / "mkdocs.yml", repo / "mkdocs.yml")
    (repo / "node_modules").symlink_to(root / "node_modules")
    (repo / ".gitignore").write_text("node_modules\nbuild/\nsite/\n.site.*\n.build.*\n.cache/\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Danh mục và hướng dẫn", when="2020-08-01T08:00:00+07:00")
    kinds, extra = templates(root), body_paragraphs(root)
    by_year: dict[int, list[str]] = {}
    index = 0
    school = 0
    while index < count:
        template = kinds[school % len(kinds)]
        slug = slugify(f"{template.prefix} {NAMES[school % len(NAMES)]} {school:05d}")
        folder = repo / "plans" / slug
        folder.mkdir(parents=True)
        (folder / "school.yml").write_text(school_yml(template, school), encoding="utf-8")
        plans_here = 1 + (school % 3 == 0)
        for shift in template.shifts[:plans_here]:
            if index >= count:
                break
            year = template.year + shift
            rel = f"plans/{slug}/{year}-{year + 1}.md"
            (repo / rel).write_text(plan_text(template, index, shift, extra), encoding="utf-8")
            by_year.setdefault(year, []).append(rel)
            index += 1
        school += 1
    for year in sorted(by_year):
        schools = sorted({rel.rsplit("/", 1)[0] + "/school.yml" for rel in by_year[year]})
        git(repo, "add", "--pathspec-from-file=-", given="\n".join([*schools, *by_year[year]]) + "\n")
        git(repo, "commit", "-q", "-m", f"Kế hoạch năm học {year}-{year + 1}", when=f"{year}-10-15T09:00:00+07:00")
    return sorted(rel for rels in by_year.values() for rel in rels)


def edit_one(repo: Path, rel: str) -> None:
    """One school edits one plan (a sentence added to the narrative) and commits it."""
    path = repo / rel
    path.write_text(path.read_text(encoding="utf-8") + "\nNhà trường bổ sung: tổ chức thêm buổi đọc sách.\n",
                    encoding="utf-8")
    git(repo, "commit", "-q", "-am", f"Sửa {rel}")
