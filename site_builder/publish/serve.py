"""Live preview: build once, serve site/, rebuild whenever a plan, catalogue file, doc or template changes.

The whole build runs again (pages, MkDocs, Pagefind), so search works in the preview too.
PDFs are skipped to keep rebuilds quick; `make site` makes them.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..errors import BuildError
from .build import build_site

WATCHED = ("plans", "examples", "catalogue", "docs", "mkdocs.yml")
PACKAGE_WATCHED = ("web/templates", "web/static", "web/theme", "pdf/templates")
DEBOUNCE_SECONDS = 0.5
CHANGES = {"created", "modified", "deleted", "moved", "closed"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class Rebuilder(FileSystemEventHandler):
    """Collects file events and rebuilds once they settle."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pending = threading.Event()
        self.last_event = 0.0

    def on_any_event(self, event: FileSystemEvent) -> None:
        path = str(event.src_path)
        if event.event_type not in CHANGES:  # reading a file (opened, closed_no_write) is not a change
            return
        if event.is_directory or path.endswith(("~", ".swp", ".tmp")) or "/." in path:
            return
        if Path(path).parent == self.root and Path(path).name != "mkdocs.yml":
            return
        self.last_event = time.monotonic()
        self.pending.set()

    def rebuild(self) -> None:
        started = time.monotonic()
        try:
            result = build_site(self.root, pdf=False)
        except BuildError as err:
            print(f"lỗi: {err}", file=sys.stderr)
            return
        print(f"Đã tạo lại {result.pages} trang ({time.monotonic() - started:.1f} giây). Tải lại trang để xem.")

    def loop(self) -> None:
        while True:
            self.pending.wait()
            while time.monotonic() - self.last_event < DEBOUNCE_SECONDS:
                time.sleep(0.1)
            self.pending.clear()
            self.rebuild()


def _watch(root: Path, handler: Rebuilder) -> Observer:  # type: ignore[valid-type]
    observer = Observer()
    for name in WATCHED:
        path = root / name
        if path.is_dir():
            observer.schedule(handler, str(path), recursive=True)
    observer.schedule(handler, str(root), recursive=False)  # mkdocs.yml
    package = Path(__file__).resolve().parent.parent
    for name in PACKAGE_WATCHED:
        observer.schedule(handler, str(package / name), recursive=True)
    observer.start()
    return observer


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000) -> int:
    handler = Rebuilder(root)
    handler.rebuild()
    site_dir = root / "site"
    server = http.server.ThreadingHTTPServer((host, port), functools.partial(_QuietHandler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    observer = _watch(root, handler)
    print(f"Xem trước tại http://{host}:{server.server_port}/ — nhấn Ctrl+C để dừng.")
    try:
        handler.loop()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.shutdown()
    return 0
