"""The Atom feed of new and updated plans (RFC 4287), one entry per published change.

Each entry is one commit of one plan: “Đăng mới” for its first version, “Cập nhật” after that, with the
Vietnamese change summary (present.changes) as its content. Entry ids are the absolute URL of the change
on the plan's history page, so they never change. XML is built with ElementTree, which escapes every text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree import ElementTree as ET

from .. import paths
from ..model.calendar import VN_TZ
from ..model.project import PlanDoc, Project
from ..present.transparency import ChangeView, Transparency
from ..present.view import plan_title

ATOM = "http://www.w3.org/2005/Atom"
FEED_LIMIT = 50


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(VN_TZ).isoformat(timespec="seconds")


def _entry(feed: ET.Element, doc: PlanDoc, change: ChangeView, site_url: str) -> None:
    slug, year = doc.school.slug, doc.year
    history = paths.absolute(site_url, paths.plan_history_page(slug, year).url)
    entry = _sub(feed, "entry")
    _sub(entry, "title", f"{'Đăng mới' if change.first else 'Cập nhật'}: {plan_title(doc)}")
    _sub(entry, "id", f"{history}#{change.anchor}")
    plan_url = paths.absolute(site_url, paths.plan_page(slug, year).url)
    _sub(entry, "link", rel="alternate", type="text/html", href=plan_url)
    _sub(entry, "link", rel="related", type="text/html", href=f"{history}#{change.anchor}")
    _sub(entry, "updated", _stamp(change.when))
    _sub(entry, "published", _stamp(change.when))
    _sub(entry, "category", term=doc.school.school.level.value)
    _sub(entry, "summary", "; ".join(change.items), type="text")


def feed_xml(project: Project, transparency: Transparency, site_url: str, site_name: str) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "vi"})
    events = transparency.feed(project.plans, FEED_LIMIT)
    feed_url = paths.absolute(site_url, paths.FEED)
    _sub(feed, "title", f"{site_name}: kế hoạch mới đăng và cập nhật")
    _sub(feed, "subtitle", "Kế hoạch cải tiến chất lượng giáo dục được đăng mới hoặc cập nhật, kèm tóm tắt thay đổi.")
    _sub(feed, "id", feed_url)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=site_url)
    newest = events[0][1].when if events else dt.datetime.combine(transparency.district.today, dt.time(), VN_TZ)
    _sub(feed, "updated", _stamp(newest))
    author = _sub(feed, "author")
    _sub(author, "name", site_name)
    _sub(feed, "generator", "site-builder")
    for doc, change in events:
        _entry(feed, doc, change, site_url)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def write_feed(project: Project, transparency: Transparency, target: Path, site_url: str, site_name: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(feed_xml(project, transparency, site_url, site_name))
    return target
