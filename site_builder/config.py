"""Project settings read from mkdocs.yml (the one configuration file), with environment overrides."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from ruamel.yaml import YAML

DEFAULT_SITE_URL = "https://example.invalid/ke-hoach-cai-tien/"
DEFAULT_GENERATOR = "mkdocs"


def _mkdocs_config(root: Path) -> dict:
    path = root / "mkdocs.yml"
    if not path.exists():
        return {}
    yaml = YAML(typ="safe", pure=True)
    # mkdocs.yml may hold !!python/name tags (Material's emoji settings): read them as plain values.
    yaml.constructor.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    data = yaml.load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def site_url(root: Path) -> str:
    """The public base URL, ending in '/': SITE_URL from the environment, else mkdocs.yml's site_url."""
    url = os.environ.get("SITE_URL") or _mkdocs_config(root).get("site_url") or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"


def site_generator() -> str:
    """The site generator of `site-builder build` when none is given: SITE_GENERATOR, else MkDocs."""
    return os.environ.get("SITE_GENERATOR") or DEFAULT_GENERATOR


def placeholder_notice(url: str) -> str | None:
    """A notice when the site URL is a placeholder (a local build without SITE_URL): the PDFs' footer and
    QR code then point nowhere. The publish workflow sets SITE_URL from the GitHub Pages deployment."""
    host = urlsplit(url).hostname or ""
    if host != "example.invalid" and not host.endswith(".invalid"):
        return None
    return (
        f"Lưu ý: địa chỉ trang {url} chỉ là địa chỉ tạm (chưa đặt SITE_URL); chân trang và mã QR của bản PDF "
        "sẽ trỏ tới địa chỉ này. Khi xuất bản, đặt biến môi trường SITE_URL (quy trình xuất bản trên GitHub "
        "tự đặt từ GitHub Pages). / Note: the site URL is a placeholder (SITE_URL is not set)."
    )
