"""A real browser (Debian's chromium driven by Playwright) against the built site, served over HTTP."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BuiltSite

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site over HTTP on a free local port; yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(built_site: BuiltSite) -> Iterator[str]:
    with serve(built_site.site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def zensical_url(zensical_site: BuiltSite) -> Iterator[str]:
    """The same site built by Zensical, served the same way."""
    with serve(zensical_site.site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.fail("chromium is missing: run `make deps` (it installs Debian's chromium)")
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@contextlib.contextmanager
def open_tab(browser, **options: object) -> Iterator[object]:
    """A desktop-sized Vietnamese tab in a fresh context (options: e.g. bypass_csp=True)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN", **options)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    with open_tab(browser) as tab:
        yield tab
