"""Project settings read from mkdocs.yml (the one configuration file), with environment overrides."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from ruamel.yaml import YAML

from .errors import SiteBuilderError

DEFAULT_SITE_URL = "https://example.invalid/ke-hoach-cai-tien/"
DEFAULT_GENERATOR = "mkdocs"
VN_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")  # the same as model.calendar.VN_TZ


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


def repo_url(root: Path) -> str | None:
    """The repository's web address, for links to commits: REPO_URL, else GitHub Actions' own repository
    (GITHUB_SERVER_URL/GITHUB_REPOSITORY), else mkdocs.yml's repo_url; None when none is set."""
    url = os.environ.get("REPO_URL")
    if not url and os.environ.get("GITHUB_REPOSITORY"):
        server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
        url = f"{server}/{os.environ['GITHUB_REPOSITORY']}"
    url = url or _mkdocs_config(root).get("repo_url")
    if not isinstance(url, str) or not re.match(r"^https?://[^\s/]+\.[^\s]+$", url):
        return None
    return url.rstrip("/")


def today() -> dt.date:
    """The date the build judges deadlines against: SITE_TODAY (YYYY-MM-DD, for tests and reproducible
    builds), else today's date in Vietnam (UTC+7)."""
    value = os.environ.get("SITE_TODAY", "")
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise SiteBuilderError(
                f"SITE_TODAY “{value}” không phải ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2025-01-31.") from None
    return dt.datetime.now(VN_TZ).date()


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
