"""The command line, run as a school would run it: real subprocess, real files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, root: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "site_builder", "--root", str(root), *args],
        capture_output=True, text=True, check=False,
    )


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    shutil.copytree(ROOT / "catalogue", tmp_path / "catalogue")
    return tmp_path


def test_check_passes_on_the_repository() -> None:
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 lỗi" in result.stderr


def test_warnings_only_exit_zero(repo_copy: Path) -> None:
    result = run("check", root=repo_copy)
    assert result.returncode == 0
    assert "cảnh báo" in result.stdout  # two plans have no number and no date


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe\x00garbage",
        b"",
        b"---\n- just\n- a list\n---\n",
        b"---\n\tschool_year: 2024-2025\n---\n",
        b"---\nschool_year: [\n---\n",
        b"---\nentries: {criterion: 1.1}\n---\n",
        b"---\nschool_year: 2024-2025\ndocument: null\nentries: [null, 3, {criterion: null}]\n---\n",
        b"---\n" + b"a: " * 200 + b"\n---\n",
        b"---\nschool_year: 2024-2025\nschool_year: 2024-2025\n---\n",
    ],
)
def test_hostile_plan_gives_findings_not_tracebacks(repo_copy: Path, content: bytes) -> None:
    (repo_copy / "plans" / "th-quang-trung" / "2024-2025.md").write_bytes(content)
    result = run("check", root=repo_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "plans/th-quang-trung/2024-2025.md:" in result.stdout


def test_hostile_school_file(repo_copy: Path) -> None:
    (repo_copy / "plans" / "th-quang-trung" / "school.yml").write_text("- a\n- b\n", encoding="utf-8")
    result = run("check", root=repo_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "plans/th-quang-trung/school.yml:1:1" in result.stdout


def test_json_format(repo_copy: Path) -> None:
    plan = repo_copy / "plans" / "th-quang-trung" / "2024-2025.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace('"1.4"', '"1.44"', 1), encoding="utf-8")
    result = run("check", "--format", "json", root=repo_copy)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["errors"] == 1
    finding = next(f for f in data["findings"] if f["severity"] == "error")
    assert finding["code"] == "unknown-criterion"
    assert finding["suggestion"] == "1.4"
    assert finding["path"] == "plans/th-quang-trung/2024-2025.md"


def test_github_format(repo_copy: Path) -> None:
    plan = repo_copy / "plans" / "th-quang-trung" / "2024-2025.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("date: 2024-10-10", "date: 2024-10-32"),
                    encoding="utf-8")
    result = run("check", "--format", "github", root=repo_copy)
    line = next(x for x in result.stdout.splitlines() if x.startswith("::error"))
    assert line.startswith("::error file=plans/th-quang-trung/2024-2025.md,line=")
    assert "invalid-date" in line and "Ngày “2024-10-32” không tồn tại" in line


def test_schema_command_is_the_model() -> None:
    result = run("schema")
    schema = json.loads(result.stdout)
    assert schema["additionalProperties"] is False
    assert {"school_year", "document"} <= set(schema["required"])
    entry = schema["$defs"]["Entry"]["properties"]
    assert {"criterion", "actions", "timeline", "budget", "status", "indicators", "evidence"} <= set(entry)
    statuses = schema["$defs"]["Status"]["enum"]
    assert statuses == ["chưa thực hiện", "đang thực hiện", "đã hoàn thành"]


def test_folder_without_school_file(repo_copy: Path) -> None:
    (repo_copy / "plans" / "th-quang-trung" / "school.yml").unlink()
    result = run("check", root=repo_copy)
    assert result.returncode == 1
    assert "plans/th-quang-trung:1:1: lỗi: Thư mục trường" in result.stdout


def test_catalogue_error_is_a_message_with_position_not_a_traceback(repo_copy: Path) -> None:
    framework = repo_copy / "catalogue" / "frameworks" / "tt17-2018.yml"
    framework.write_text(framework.read_text(encoding="utf-8").replace("id: tt17-2018", "id: tt17-2019", 1),
                         encoding="utf-8")
    result = run("check", root=repo_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "catalogue/frameworks/tt17-2018.yml:" in result.stderr and "“tt17-2019”" in result.stderr
    assert "tt17-2018" in result.stderr  # the suggested value


def test_catalogue_schema_error_names_the_field(repo_copy: Path) -> None:
    docs = repo_copy / "catalogue" / "legal-documents.yml"
    docs.write_text(docs.read_text(encoding="utf-8").replace("  number:", "  numbr:", 1), encoding="utf-8")
    result = run("check", root=repo_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("lỗi: catalogue/legal-documents.yml:")


def test_missing_pdf_renderer_fails_the_build_and_says_what_to_install(tmp_path: Path) -> None:
    """A broken install (WeasyPrint not importable) must not publish a site without PDFs."""
    shadow = tmp_path / "shadow"
    (shadow / "weasyprint").mkdir(parents=True)
    (shadow / "weasyprint" / "__init__.py").write_text("raise ImportError('no libpango')\n", encoding="utf-8")
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from pathlib import Path; from site_builder.errors import BuildError;"
        "from site_builder.pdf.render import require_weasyprint\n"
        "try:\n    require_weasyprint()\nexcept BuildError as e:\n    print(e)"
    )
    result = subprocess.run([sys.executable, "-c", code, str(shadow)], capture_output=True, text=True, check=False)
    assert "WeasyPrint chưa được cài" in result.stdout and "make deps" in result.stdout


def test_placeholder_site_url_is_announced() -> None:
    from site_builder.config import DEFAULT_SITE_URL, placeholder_notice

    assert placeholder_notice(DEFAULT_SITE_URL) and "SITE_URL" in placeholder_notice(DEFAULT_SITE_URL)
    assert placeholder_notice("https://so-gddt.github.io/ke-hoach/") is None
