"""Progress of a long build: which stage it is in and how far (n/N).

On a terminal this is a tqdm bar per counted stage; elsewhere (CI logs) a plain line
when a stage starts and at most every few seconds while it runs.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from tqdm import tqdm

LOG_EVERY_SECONDS = 5.0


class Progress:
    """Stage-by-stage progress; quiet=True prints nothing (tests, library use)."""

    def __init__(self, stream: TextIO | None = None, *, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._bar: tqdm | None = None
        self._label = ""
        self._total = 0
        self._done = 0
        self._last = 0.0

    def stage(self, label: str, total: int = 0) -> None:
        """Start a stage; total > 0 makes it a counted stage (advance() moves it)."""
        self.close()
        self._label, self._total, self._done, self._last = label, total, 0, time.monotonic()
        if self.quiet:
            return
        if self.tty and total:
            self._bar = tqdm(total=total, desc=label, file=self.stream, unit="", leave=True)
        else:
            print(f"… {label}" + (f" (0/{total})" if total else ""), file=self.stream, flush=True)

    def advance(self, count: int = 1) -> None:
        self._done += count
        if self.quiet:
            return
        if self._bar is not None:
            self._bar.update(count)
            return
        now = time.monotonic()
        if self._total and (now - self._last >= LOG_EVERY_SECONDS or self._done == self._total):
            self._last = now
            print(f"… {self._label} ({self._done}/{self._total})", file=self.stream, flush=True)

    def note(self, text: str) -> None:
        """A one-off line (e.g. waiting for another build), outside any counted stage."""
        if not self.quiet:
            print(f"… {text}", file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
