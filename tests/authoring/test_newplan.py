"""`site-builder new`: next year's plan from the previous one, on the real example plans."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.authoring.newplan import shift_month, shift_years
from site_builder.check.assemble import load_project
from site_builder.model.lost import Lost
from site_builder.model.plan import Plan, Signer, Status

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "site_builder"]
EXAMPLES = sorted(
    (p.parent.name, p.stem) for p in (ROOT / "plans").glob("*/*.md") if p.stem[:4].isdigit()
)


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "plans", root / "plans")
    shutil.copytree(ROOT / "catalogue", root / "catalogue")
    return root


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, "--root", str(root), *args], capture_output=True, text=True)


def _next(year: str) -> str:
    first = int(year[:4]) + 1
    return f"{first}-{first + 1}"


def _plans(root: Path) -> dict[str, Plan]:
    return {doc.rel: doc.plan for doc in load_project(root).plans}


def _body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[text.index("\n---\n", 1) + 5 :]


@pytest.mark.parametrize(("school", "year"), EXAMPLES)
def test_new_round_trips_on_example_plan(tmp_path: Path, school: str, year: str) -> None:
    root = _repo(tmp_path)
    new_year = _next(year)
    run = _run(root, "new", school, new_year)
    assert run.returncode == 0, run.stderr
    assert f"Đã tạo plans/{school}/{new_year}.md từ {year}.md." in run.stdout

    new_rel, old_rel = f"plans/{school}/{new_year}.md", f"plans/{school}/{year}.md"
    check = _run(root, "check", "--format", "json")
    assert check.returncode == 0, check.stdout
    findings = json.loads(check.stdout)["findings"]
    codes = sorted(f["code"] for f in findings if f["path"] == new_rel)
    # A new year's plan is a draft: no number, no date; a signer only where last year's copy kept one.
    kept_signer = isinstance(_plans(root)[old_rel].signer, Signer)
    # A character the PDF cannot print (mn-20-10-quan-1's "达标") comes over with its unfinished entry.
    carried = ["glyph-missing"] if any(f["path"] == old_rel and f["code"] == "glyph-missing" for f in findings) else []
    assert codes == sorted(["no-date", "no-number", *carried, *([] if kept_signer else ["no-signer"])])

    plans = _plans(root)
    old, new = plans[old_rel], plans[new_rel]
    assert new.school_year == new_year
    assert (new.document.number, new.document.date) == (None, None)
    unfinished = [e for e in old.entries if e.status is not Status.done]
    assert [(e.criterion, e.status) for e in new.entries] == [(e.criterion, e.status) for e in unfinished]
    for before, after in zip(unfinished, new.entries, strict=True):
        _assert_moved_on(before, after, int(year[:4]))
    assert _body(root / new_rel) == _body(root / old_rel)


def _assert_moved_on(before, after, first: int) -> None:  # type: ignore[no-untyped-def]
    if before.timeline is None or isinstance(before.timeline, Lost):
        assert after.timeline == before.timeline
        return
    for key in ("start", "end"):
        old, new = getattr(before.timeline, key), getattr(after.timeline, key)
        assert new == (None if old is None else f"{int(old[:4]) + 1}{old[4:]}")
    assert after.timeline.text == shift_years(before.timeline.text or "", first, 1) or (
        before.timeline.text is None and after.timeline.text is None
    )
    assert after.actions == before.actions
    assert after.target == before.target


def test_finished_entries_are_dropped_and_unstatused_ones_carried(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    old = _plans(root)["plans/mn-20-10-quan-1/2021-2022.md"]
    done = {e.criterion for e in old.entries if e.status is Status.done}
    assert done, "the example must have finished entries for this test to mean anything"
    assert _run(root, "new", "mn-20-10-quan-1", "2022").returncode == 0
    new = _plans(root)["plans/mn-20-10-quan-1/2022-2023.md"]
    assert not done & {e.criterion for e in new.entries}
    assert any(e.status is None for e in new.entries)


def test_wording_of_the_timeline_moves_on(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    assert _run(root, "new", "mn-chua-ro-ten-a", "2025-2026").returncode == 0
    text = (root / "plans/mn-chua-ro-ten-a/2025-2026.md").read_text(encoding="utf-8")
    assert "      start: 2025-09\n      end: 2026-05\n      text: Từ tháng 9/2025 đến tháng 5/2026\n" in text
    assert "title: Cải tiến chất lượng giáo dục năm học 2025– 2026" in text
    new = _plans(root)["plans/mn-chua-ro-ten-a/2025-2026.md"]
    wording = [e.timeline.text for e in new.entries if e.timeline and e.timeline.text]
    assert wording and not [w for w in wording if "2024" in w]
    # The school's own sentences in actions are carried word for word, for the school to review.
    assert "Năm học 2024 – 2025 thành lập hội đồng" in text


def test_comments_reviews_and_schema_line_are_handled(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    path = root / "plans/mn-chua-ro-ten-a/2024-2025.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("---\n", "---\n# yaml-language-server: $schema=https://example.invalid/plan.schema.json\n", 1)
    text = text.replace(
        "    expected_result: Thành lập và chấm sáng kiến kinh nghiệm\n",
        "    expected_result: Thành lập và chấm sáng kiến kinh nghiệm  # ghi chú của trường\n"
        "    reviews:\n      - {date: 2025-01-15, status: đang thực hiện, text: Sơ kết học kỳ I}\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    assert _run(root, "check").returncode == 0
    assert _run(root, "new", "mn-chua-ro-ten-a", "2025").returncode == 0
    new = (root / "plans/mn-chua-ro-ten-a/2025-2026.md").read_text(encoding="utf-8")
    assert new.startswith("---\n# yaml-language-server: $schema=https://example.invalid/plan.schema.json\n")
    assert "  # ghi chú của trường\n" in new
    assert "reviews" not in new
    assert all(not e.reviews for e in _plans(root)["plans/mn-chua-ro-ten-a/2025-2026.md"].entries)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("th-quang-trug", "2025"), "Trường “th-quang-trug” chưa có thư mục trong plans/. Có phải gõ nhầm "
                                    "“th-quang-trung”? Nếu đây là trường mới, tạo thông tin trường trước: "
                                    "site-builder new-school th-quang-trug"),
        (("mn-hoa-sen", "2025-2026"), "Trường “mn-hoa-sen” chưa có thư mục trong plans/. Nếu đây là trường mới, "
                                      "tạo thông tin trường trước: site-builder new-school mn-hoa-sen"),
        (("th-quang-trung", "2024-2025"), "Đã có kế hoạch th-quang-trung/2024-2025.md."),
        (("th-quang-trung", "2025-2027"), "Năm học “2025-2027” không đúng dạng."),
    ],
)
def test_errors_are_vietnamese_without_traceback(tmp_path: Path, args: tuple[str, str], message: str) -> None:
    root = _repo(tmp_path)
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    run = _run(root, "new", *args)
    assert run.returncode == 1
    assert run.stderr.startswith("lỗi: ") and message in run.stderr
    assert "Traceback" not in run.stderr
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_shift_years_moves_only_years_of_the_plan() -> None:
    assert shift_years("Từ tháng 9/2024 đến tháng 5/2025", 2024, 1) == "Từ tháng 9/2025 đến tháng 5/2026"
    assert shift_years("Năm học 2024 – 2025", 2024, 1) == "Năm học 2025 – 2026"
    assert shift_years("giai đoạn 2020-2025 tầm nhìn 2030", 2024, 1) == "giai đoạn 2020-2026 tầm nhìn 2030"
    assert shift_years("Thông tư 17/2018, mã 120245", 2024, 1) == "Thông tư 17/2018, mã 120245"
    assert shift_years("tháng 7/2021", 2021, 2) == "tháng 7/2023"
    assert shift_month("2024-12", 1) == "2025-12"
    assert shift_month("9/2024", 1) == "9/2024"


# --------------------------------------------------------------------------- into the 2026 form


def _fill_criteria(path: Path, standard: str = "1", criterion: str = "1.1") -> None:
    """What the school does after `new`: give each carried issue a 2026 standard and criterion."""
    text = path.read_text(encoding="utf-8")
    text = text.replace("    standard: null\n    related_criteria: []\n",
                        f"    standard: '{standard}'\n    related_criteria: ['{criterion}']\n")
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("school", "year"), EXAMPLES)
def test_new_school_year_of_2026_starts_in_the_2026_form(tmp_path: Path, school: str, year: str) -> None:
    root = _repo(tmp_path)
    old = _plans(root)[f"plans/{school}/{year}.md"]
    unfinished = [e.criterion for e in old.entries if e.status is not Status.done]
    run = _run(root, "new", school, "2026-2027")
    assert run.returncode == 0, run.stderr
    assert f"theo mẫu kế hoạch “tt-2026” từ {year}.md" in run.stdout
    assert f"Chuyển tiếp {len(unfinished)} mục chưa hoàn thành thành {len(unfinished)} vấn đề ở mục IV" in run.stdout
    assert "Chưa chuyển được, nhà trường cần bổ sung:" in run.stdout and "self_assessment.results" in run.stdout
    path = root / "plans" / school / "2026-2027.md"
    check = json.loads(_run(root, "check", "--format", "json").stdout)
    codes = {f["code"] for f in check["findings"] if f["path"] == f"plans/{school}/2026-2027.md"}
    assert "missing-field" in codes and "issue-no-standard" in codes  # the criteria are the school's to give
    _fill_criteria(path)
    new = _plans(root)[f"plans/{school}/2026-2027.md"]
    assert new.form == "tt-2026" and new.framework == "tt-2026"
    assert [i.id for i in new.issues] == [str(n) for n in range(1, len(unfinished) + 1)]
    assert [e.issue for e in new.entries] == [i.id for i in new.issues]
    assert all(f"tiêu chí {c} " in i.note for c, i in zip(unfinished, new.issues, strict=True))
    for before, after in zip((e for e in old.entries if e.status is not Status.done), new.entries, strict=True):
        assert after.actions == before.actions and after.lead == before.lead and after.status == before.status
    assert [r.when for r in new.reviews] == ["Cuối học kỳ I", "Cuối năm học"]
    assert new.document.number is None and new.document.date is None
    errors = [f for f in load_project(root).errors if f.path == f"plans/{school}/2026-2027.md"]
    assert errors == []


def test_new_can_be_asked_for_a_form_and_rejects_an_unknown_one(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    run = _run(root, "new", "th-quang-trung", "2025-2026", "--form", "tt2026")
    assert run.returncode == 1 and "Không có mẫu kế hoạch “tt2026”. Có phải “tt-2026”?" in run.stderr
    run = _run(root, "new", "th-quang-trung", "2025-2026", "--form", "tt-2026")
    assert run.returncode == 0 and "theo mẫu kế hoạch “tt-2026”" in run.stdout
