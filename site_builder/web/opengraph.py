"""Link-preview metadata (Open Graph, Twitter card) for every page, written as the front matter key `og`.

The values are plain text (one line, no markup): the theme (web/theme/main.html) puts each in an
attribute, HTML-escaped there. Plans say what they are and how far they got; other pages fall back
to their title and the site's sentence, with the home page's card as image.
"""

from __future__ import annotations

import datetime as dt
import html

from .. import paths
from ..model.project import PlanDoc
from ..present.sanitize import plain_line
from ..present.view import PlanView

SITE_NAME = "Kế hoạch cải tiến chất lượng giáo dục"
SITE_DESCRIPTION = "Kế hoạch cải tiến chất lượng giáo dục của các trường, công khai cho cha mẹ học sinh."


def year_label(year: str) -> str:
    return year.replace("-", "–")


def plan_title(doc: PlanDoc) -> str:
    return f"{doc.school.display_name} – Kế hoạch cải tiến chất lượng năm học {year_label(doc.year)}"


def plan_description(view: PlanView) -> str:
    entries = int(view.summary.get("entries", 0) or 0)  # type: ignore[call-overload]
    done = int(view.summary.get("done", 0) or 0)  # type: ignore[call-overload]
    return (f"Kế hoạch năm học {year_label(view.doc.year)} của {view.doc.school.display_name} "
            f"có {entries} nội dung cải tiến, {done} nội dung đã hoàn thành.")


def _iso(moment: dt.datetime | None) -> str:
    return moment.isoformat() if moment else ""


def og_values(site_url: str, page_url: str, title: str, description: str, image_url: str,
              published: dt.datetime | None = None, modified: dt.datetime | None = None) -> dict[str, str]:
    """The `og` front matter of one page: every value one line of plain text."""
    values = {
        "title": title,
        "description": description,
        "url": paths.absolute(site_url, page_url),
        "image": paths.absolute(site_url, image_url),
        "published_time": _iso(published),
        "modified_time": _iso(modified),
    }
    return {key: plain_line(value) for key, value in values.items()}


def plan_og(site_url: str, view: PlanView) -> dict[str, str]:
    doc = view.doc
    return og_values(site_url, paths.plan_page(doc.school.slug, doc.year, example=doc.example).url,
                     plan_title(doc), plan_description(view),
                     paths.plan_card(doc.school.slug, doc.year, example=doc.example),
                     doc.first_commit, doc.last_commit)


def page_og(site_url: str, page_url: str, escaped_title: str, image_url: str | None = None,
            description: str = SITE_DESCRIPTION) -> dict[str, str]:
    """A page other than a plan: its front matter title (HTML-escaped there) as plain text."""
    return og_values(site_url, page_url, html.unescape(escaped_title), description,
                     image_url if image_url is not None else paths.home_card())
