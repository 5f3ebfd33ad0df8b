"""What the published pages may run: the Content-Security-Policy and the scripts the site itself ships.

The policy goes into every page (theme/main.html, as config.extra.csp); publish.audit checks every page
of the built site against it and against KNOWN_SCRIPTS before the site is published. No script runs
inline: the theme's few inline scripts and the search box's start-up code are files in static/.
Pagefind compiles its WebAssembly search core, hence 'wasm-unsafe-eval' (WebAssembly only, not eval).
"""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
THEME_DIR = HERE / "theme"  # MkDocs theme.custom_dir
STATIC_DIR = HERE / "static"  # copied to <site>/assets/

CSP_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self' 'unsafe-inline'"),  # the theme and Pagefind set style attributes; no script runs from CSS
    ("img-src", "'self' data:"),  # the theme's icons are data: SVGs in its CSS
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-src", "'none'"),
)
CSP = "; ".join(f"{name} {value}" for name, value in CSP_DIRECTIVES)

# Site-relative paths of the only scripts a page may load: the theme's bundle, Pagefind's UI, ours.
KNOWN_SCRIPTS: tuple[re.Pattern[str], ...] = (
    re.compile(r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js"),
    re.compile(r"pagefind/pagefind-ui\.js"),
    *(re.compile(re.escape(f"assets/{script.name}")) for script in sorted(STATIC_DIR.glob("*.js"))),
)
# Inline <script> elements that hold data, not code (the theme's configuration).
DATA_SCRIPT_TYPES = frozenset({"application/json"})


def known_script(site_path: str) -> bool:
    return any(pattern.fullmatch(site_path) for pattern in KNOWN_SCRIPTS)
