"""The dashboard in a real browser: the table sorts with the site's own script, charts draw, no errors."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder import paths
from tests.conftest import build_into
from tests.e2e.browser.conftest import _Quiet


@pytest.fixture(scope="module")
def qt_url(qt_repo: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_TODAY", "2025-07-01")
        site = build_into(qt_repo[0], tmp_path_factory.mktemp("qt-browser"), pdf=False)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site.site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def _column(page, index: int) -> list[str]:
    return page.eval_on_selector_all(f"#bang-cong-khai tbody tr td:nth-child({index})",
                                     "cells => cells.map(c => c.textContent.trim())")


def test_dashboard_table_sorts(page, qt_url: str) -> None:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(qt_url + paths.dashboard_page().url)
    page.wait_for_load_state("networkidle")
    buttons = page.locator("#bang-cong-khai thead button.kh-sort")
    assert buttons.count() == 9
    late = page.locator("#bang-cong-khai thead th").nth(5)
    buttons.nth(5).click()
    assert late.get_attribute("aria-sort") == "ascending"
    ascending = [int(x) for x in _column(page, 6)]
    assert ascending == sorted(ascending)
    buttons.nth(5).click()
    assert late.get_attribute("aria-sort") == "descending"
    descending = [int(x) for x in _column(page, 6)]
    assert descending == sorted(ascending, reverse=True) and descending != ascending
    buttons.nth(0).click()
    names = _column(page, 1)
    assert names[-1] == "Trường Tiểu học Quang Trung"  # Vietnamese order: “mầm” before “Tiểu”, case ignored
    assert all(name.lower().startswith("trường mầm non") for name in names[:2])
    assert page.locator("svg.kh-chart").count() == 2
    assert page.locator("svg.kh-chart").first.bounding_box()["width"] > 500
    assert errors == []
