"""Every href and src of every page of the built site resolves, for each generator (publish.linkcheck)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from site_builder.config import site_url
from site_builder.publish.linkcheck import check_site
from tests.conftest import ROOT

BASE_PATH = urlsplit(site_url(ROOT)).path  # absolute links (404.html) carry the deployment's base path


@pytest.mark.parametrize("fixture", ["built_site", "zensical_site"], ids=["mkdocs", "zensical"])
def test_no_broken_links(request: pytest.FixtureRequest, fixture: str) -> None:
    site = request.getfixturevalue(fixture)
    report = check_site(site.site_dir, BASE_PATH)
    counts = report.counts()
    print(fixture, counts)
    assert counts["pages"] > 100 and counts["internal"] > 3000 and counts["content"] > 500
    assert any(link.ref.endswith(".pdf") for link in report.links), "the PDF links are checked too"
    assert [f"{link.page} -> {link.ref}: {problem}" for link, problem in report.broken] == []
