"""The tagged PDF a screen reader reads: marked content, a structure tree with headings, the table's header
cells and lists, the document language and title; read back with pikepdf from the real build."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pikepdf
import pytest

from site_builder.config import site_url
from site_builder.pdf.render import metadata, permalink
from site_builder.present.view import plan_view
from tests.conftest import ROOT, BuiltSite

HEADINGS = {"/H1", "/H2", "/H3", "/H4", "/H5", "/H6"}


def structure(pdf: pikepdf.Pdf) -> Counter[str]:
    """How many structure elements of each type (/S) the tree holds."""
    counts: Counter[str] = Counter()
    stack = [pdf.Root.StructTreeRoot]
    seen: set[tuple[int, int]] = set()
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
            continue
        if not isinstance(node, pikepdf.Dictionary):
            continue
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        if "/S" in node:
            counts[str(node.S)] += 1
            if node.S == "/Figure":
                counts["alt:" + str(node.get("/Alt", ""))] += 1
        if "/K" in node:
            stack.append(node.K)
    return counts


def describe(path: Path) -> tuple[dict[str, object], Counter[str]]:
    with pikepdf.open(path) as pdf:
        info = {
            "marked": bool(pdf.Root.MarkInfo.Marked) if "/MarkInfo" in pdf.Root else False,
            "lang": str(pdf.Root.get("/Lang", "")),
            "title": str(pdf.docinfo.get("/Title", "")),
            "struct_tree": "/StructTreeRoot" in pdf.Root,
        }
        return info, structure(pdf) if info["struct_tree"] else Counter()


def expected_title(project, rel: str) -> str:
    doc = next(d for d in [*project.plans, *project.examples] if d.rel == rel)
    return metadata(plan_view(doc, project.catalogue.documents))["title"]


def test_every_pdf_is_tagged_for_screen_readers(built_site: BuiltSite, real_project) -> None:
    assert built_site.pdfs
    for rel, path in sorted(built_site.pdfs.items()):
        info, counts = describe(path)
        print(rel, path.stat().st_size, info, dict(sorted(counts.items())))
        assert info["marked"] and info["struct_tree"], rel
        assert info["lang"] == "vi-VN", rel
        assert info["title"] == expected_title(real_project, rel), rel
        assert counts["/Table"] and counts["/TH"] and counts["/TD"], (rel, counts)
        assert HEADINGS & set(counts), (rel, counts)
        assert counts["/Figure"], rel  # the QR code, its alternative text naming the web address
        doc = next(d for d in [*real_project.plans, *real_project.examples] if d.rel == rel)
        assert counts[f"alt:Mã QR dẫn tới bản điện tử: {permalink(doc, site_url(ROOT))}"] == 1, (rel, counts)


@pytest.mark.parametrize("needle", ["/L", "/LI"])
def test_some_pdf_has_lists(built_site: BuiltSite, needle: str) -> None:
    assert any(describe(path)[1][needle] for path in built_site.pdfs.values()), needle
