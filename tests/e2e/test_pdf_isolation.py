"""The PDF renderer fetches nothing outside the repository: a local HTTP server counts the requests."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.pdf.render import FixedHtml, PdfJob, render_job
from site_builder.publish.build import build_site
from tests.conftest import copy_repo


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request; yields (base URL, requests)."""
    seen: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": seen})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", seen
    server.shutdown()
    server.server_close()


def hostile_html(base: str) -> str:
    return f"""<!doctype html><html><head>
<link rel="stylesheet" href="{base}/style.css">
<style>@import url("{base}/import.css"); @font-face {{ font-family: X; src: url("{base}/font.ttf"); }}
body {{ background: url("{base}/background.png"); font-family: X; }}</style></head>
<body><p>Xin chào</p><img src="{base}/image.png"><img src="file:///etc/hostname">
<img src="//127.0.0.1:{base.rsplit(':', 1)[1]}/protocol-relative.png">
<object data="{base}/object.svg"></object><a href="{base}/link">liên kết</a></body></html>"""


def test_default_weasyprint_would_fetch(recorder: tuple[str, list[str]], tmp_path: Path) -> None:
    """The control: without the restricted fetcher, WeasyPrint requests the URLs (so the test below can fail)."""
    from weasyprint import HTML

    base, seen = recorder
    HTML(string=hostile_html(base)).write_pdf(tmp_path / "default.pdf")
    assert len(seen) >= 4, seen


def test_render_job_fetches_nothing(recorder: tuple[str, list[str]], tmp_path: Path) -> None:
    base, seen = recorder
    job = PdfJob("plans/x/2024-2025.md", FixedHtml(hostile_html(base)), tmp_path / "x.pdf", {})
    render_job(job)
    assert (tmp_path / "x.pdf").read_bytes()[:5] == b"%PDF-"
    assert seen == []


def test_a_plan_linking_to_a_server_builds_without_a_request(recorder: tuple[str, list[str]], tmp_path: Path) -> None:
    base, seen = recorder
    root = copy_repo(tmp_path / "repo")
    plan = root / "plans" / "th-quang-trung" / "2024-2025.md"
    plan.write_text(plan.read_text(encoding="utf-8") + f"""

Ảnh ![sơ đồ]({base}/plan-image.png) và [tài liệu]({base}/plan-link) và <img src="{base}/raw-image.png">.
""", encoding="utf-8")
    report = build_site(root, tmp_path / "build", tmp_path / "site", search=False)
    assert report.pdfs and all(path.read_bytes()[:5] == b"%PDF-" for path in report.pdfs.values())
    assert seen == []
