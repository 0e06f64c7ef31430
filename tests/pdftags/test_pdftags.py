"""Tagged PDF: the demo report (tests/pdftags_demo.py) checked by qpdf, poppler, pdfua, outloud and by
reading its structure tree back with pikepdf, including the ParentTree cross-check no checker makes."""

from __future__ import annotations

import io
import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus.flowables import HRFlowable

from robuust_docs.pdftags import Tagger, write_structure
from tests import pdftags_demo as demo
from tests.checks import need
from tests.pdfstructure import (
    assert_parent_tree_matches_streams,
    claims,
    is_elem,
    kids,
    number_tree,
    objrs,
    role,
    scan_page,
    walk,
)

RESULTS = Path(__file__).resolve().parents[1] / "results"


# ---------------------------------------------------------------- reading a PDF back


@dataclass
class Tagged:
    """The tagged demo PDF opened for inspection."""

    path: Path
    pdf: pikepdf.Pdf
    tagger: Tagger
    page_index: dict[tuple[int, int], int]
    document: pikepdf.Object
    page_text: list[str]

    def elements(self, name: str) -> list[pikepdf.Object]:
        return [e for e in walk(self.document) if role(e) == name]


def pdftotext(path: Path) -> list[str]:
    """Text per page (poppler)."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True)
    return out.stdout.split("\f")


@pytest.fixture(scope="module")
def tagged() -> Iterator[Tagged]:
    data, tagger = demo.build_tagged()
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / "pdftags_demo.pdf"
    path.write_bytes(data)
    with pikepdf.open(path) as pdf:
        page_index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        root = pdf.Root.StructTreeRoot
        (document,) = kids(root)
        yield Tagged(path, pdf, tagger, page_index, document, pdftotext(path))


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(command), capture_output=True, text=True, check=False)


# ---------------------------------------------------------------- external checkers


def test_qpdf_check_passes(tagged: Tagged) -> None:
    result = run("qpdf", "--check", str(tagged.path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_pdfinfo_reports_tagged(tagged: Tagged) -> None:
    info = run("pdfinfo", str(tagged.path)).stdout
    assert "Tagged:          yes" in info
    assert f"Title:           {demo.TITLE}" in info


def test_every_font_is_embedded_and_none_is_helvetica(tagged: Tagged) -> None:
    rows = run("pdffonts", str(tagged.path)).stdout.splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        name, embedded = row.split()[0], row.split()[-5]
        assert embedded == "yes", row
        assert "Helvetica" not in name, row


def test_pdfua_finds_no_errors_and_skips_no_rule(tagged: Tagged) -> None:
    report = json.loads(run(need("pdfua"), "check", "--format", "json", str(tagged.path)).stdout)
    assert report["summary"]["errors"] == 0, report["findings"]
    assert report["summary"]["rules_skipped"] == 0, report["skipped"]


def test_outloud_finds_no_errors(tagged: Tagged) -> None:
    report = json.loads(run(need("outloud"), "--json", "-", "-q", str(tagged.path)).stdout)["results"][0]
    assert report["counts"]["error"] == 0, report["findings"]
    # TBL-014 (warning): outloud looks for a Table whose /Pg is the page, so the continuation page of one
    # logical Table spanning two pages always looks uncovered. Anything else is new.
    assert {f["rule"] for f in report["findings"]} <= {"TBL-014"}, report["findings"]


# ---------------------------------------------------------------- document-level entries


def test_catalog_metadata_and_pages_are_set(tagged: Tagged) -> None:
    root = tagged.pdf.Root
    assert root.MarkInfo.Marked is True
    assert str(root.Lang) == "nl-NL"
    assert root.ViewerPreferences.DisplayDocTitle is True
    meta = tagged.pdf.open_metadata()
    assert meta["dc:title"] == demo.TITLE
    assert meta["pdfuaid:part"] == "1"
    assert all(page.obj.Tabs == pikepdf.Name.S for page in tagged.pdf.pages)
    assert role(tagged.document) == "Document"


# ---------------------------------------------------------------- the structure tree


def test_headings_come_in_story_order_with_their_text(tagged: Tagged) -> None:
    headings = [e for e in walk(tagged.document) if role(e) in ("H1", "H2", "H3", "H4", "H5", "H6")]
    expected = demo.expected_headings()
    assert [role(h) for h in headings] == [r for r, _ in expected]
    for heading, (_, text) in zip(headings, expected, strict=True):
        assert text in tagged.page_text[tagged.page_index[heading.Pg.objgen]]
    levels = [int(role(h)[1]) for h in headings]
    steps = [b - a for a, b in zip(levels, levels[1:], strict=False)]
    assert levels[0] == 1 and max(steps) <= 1, "a heading level is skipped"
    recorded = [(n.role, n.text) for n in tagged.tagger.tree.root.walk() if n.role in ("H1", "H2", "H3")]
    assert recorded == expected


def test_table_has_rows_header_cells_and_data_cells(tagged: Tagged) -> None:
    (table,) = tagged.elements("Table")
    rows = [k for k in kids(table) if is_elem(k)]
    assert [role(r) for r in rows] == ["TR"] * (demo.TABLE_ROWS + 1)
    assert all(len(kids(r)) == len(demo.TABLE_COLUMNS) for r in rows)
    headers = [c for c in walk(table) if role(c) == "TH"]
    assert len(headers) == len(demo.TABLE_COLUMNS)
    assert all(str(h.A.O) == "/Table" and str(h.A.Scope) == "/Column" for h in headers)
    assert len([c for c in walk(table) if role(c) == "TD"]) == demo.TABLE_ROWS * len(demo.TABLE_COLUMNS)


def test_split_table_repeats_its_header_as_an_artifact(tagged: Tagged) -> None:
    (table,) = tagged.elements("Table")
    row_pages = sorted({tagged.page_index[r.Pg.objgen] for r in kids(table)})
    assert len(row_pages) >= 2, "the demo table should split over pages"
    header_claims = [c for h in walk(table) if role(h) == "TH" for c in claims(h, tagged.page_index)]
    assert len(header_claims) == len(demo.TABLE_COLUMNS), "each TH holds exactly one marked-content sequence"
    assert {page for page, _ in header_claims} == {row_pages[0]}
    continuation = tagged.page_text[row_pages[-1]]
    assert all(column in continuation for column in demo.TABLE_COLUMNS), "header row not repeated"


def test_figure_has_alt_text_and_bounding_box(tagged: Tagged) -> None:
    (figure,) = tagged.elements("Figure")
    assert str(figure.Alt).startswith("Staafdiagram")
    x0, y0, x1, y1 = (float(v) for v in figure.A.BBox)
    assert 0 <= x0 < x1 <= A4[0] and 0 <= y0 < y1 <= A4[1]
    assert role(tagged.elements("Caption")[0]) == "Caption"


def test_long_paragraph_is_one_element_over_two_pages(tagged: Tagged) -> None:
    spans = [{page for page, _ in claims(p, tagged.page_index)} for p in tagged.elements("P")]
    assert any(len(pages) == 2 for pages in spans)


def test_list_items_have_label_and_body(tagged: Tagged) -> None:
    (lst,) = tagged.elements("L")
    items = [k for k in kids(lst) if is_elem(k)]
    assert [role(i) for i in items] == ["LI"] * 3
    assert all([role(k) for k in kids(i)] == ["Lbl", "LBody"] for i in items)


def test_toc_has_one_entry_per_heading_with_links(tagged: Tagged) -> None:
    (toc,) = tagged.elements("TOC")
    entries = [k for k in kids(toc) if is_elem(k)]
    assert [role(e) for e in entries] == ["TOCI"] * len(demo.expected_headings())
    for entry, (_, text) in zip(entries, demo.expected_headings(), strict=True):
        links = [k for k in kids(entry) if is_elem(k) and role(k) == "Link"]
        assert links and all(objrs(link) for link in links)
        assert all(str(link.Alt) == text for link in links)


def test_containers_carry_the_page_of_their_first_content(tagged: Tagged) -> None:
    for name in ("Sect", "Table", "L", "LI", "TOC", "TR"):
        for elem in tagged.elements(name):
            assert "/Pg" in elem, f"{name} without /Pg"


# ---------------------------------------------------------------- content streams against the tree


def test_no_painting_outside_marked_content(tagged: Tagged) -> None:
    for number, page in enumerate(tagged.pdf.pages, start=1):
        marks = scan_page(page)
        assert marks.balanced, f"page {number}: BDC/EMC unbalanced"
        assert not marks.untagged, f"page {number}: untagged {sorted(set(marks.untagged))}"
        assert not marks.nested, f"page {number}: nested marked content {marks.nested[:3]}"


def test_parent_tree_and_page_streams_agree_both_ways(tagged: Tagged) -> None:
    assert_parent_tree_matches_streams(tagged.pdf)


def test_every_link_annotation_is_in_a_link_element(tagged: Tagged) -> None:
    parent_tree = number_tree(tagged.pdf.Root.StructTreeRoot.ParentTree)
    annotations = [a for page in tagged.pdf.pages for a in page.obj.get("/Annots", [])]
    assert len(annotations) == 1 + 2 * len(demo.expected_headings())  # the web link; text + page per TOC entry
    for annotation in annotations:
        link = parent_tree[int(annotation.StructParent)]
        assert role(link) == "Link"
        assert annotation.objgen in {o.Obj.objgen for o in objrs(link)}
        assert str(annotation.Contents) and int(annotation.F) == 4
    (web,) = [a for a in annotations if "/A" in a]
    assert str(parent_tree[int(web.StructParent)].Alt) == "de website"


# ---------------------------------------------------------------- behaviour of the API


def test_tagging_does_not_change_the_layout(tagged: Tagged, tmp_path: Path) -> None:
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(demo.build_pdf(Tagger(enabled=False), drop_markers=True))
    assert pdftotext(plain) == tagged.page_text


def test_rebuilding_with_the_same_tagger_keeps_only_the_last_pass() -> None:
    tagger = Tagger()
    first = demo.build_pdf(tagger)
    roles = [n.role for n in tagger.tree.root.walk()]
    second = demo.build_pdf(tagger)
    assert [n.role for n in tagger.tree.root.walk()] == roles
    assert first == second
    assert write_structure(second, tagger, demo.TITLE) == write_structure(first, tagger, demo.TITLE)


def _build_small(story: list[object]) -> bytes:
    demo.register_fonts()
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1, initialFontName=demo.FONT).build(story)
    return buffer.getvalue()


def test_empty_containers_and_decorations_leave_no_elements(tmp_path: Path) -> None:
    tagger, body = Tagger(), demo.styles()["body"]
    story = [
        tagger.begin("Sect"),
        Spacer(1, 10),
        tagger.end(),
        tagger.begin("Div"),
        tagger.decoration(HRFlowable(width="100%")),
        tagger.leaf(Paragraph("Tekst", body), "P"),
        tagger.end(),
    ]
    out = tmp_path / "small.pdf"
    assert write_structure(_build_small(story), tagger, "Klein", out_path=out) is None
    with pikepdf.open(out) as pdf:
        (document,) = kids(pdf.Root.StructTreeRoot)
        assert [role(e) for e in walk(document)] == ["Document", "Div", "P"]
        assert not scan_page(pdf.pages[0]).untagged


def test_table_with_header_column_span_and_a_row_split_inside_it(tmp_path: Path) -> None:
    tagger, body = Tagger(), demo.styles()["body"]
    data = [["", "2023", "2024"], ["Samen", "", ""], ["Lang", Paragraph(demo.LONG_TEXT, body), "x"]]
    data += [[f"Rij {i}", str(i), str(i)] for i in range(3)]
    style = [("FONTNAME", (0, 0), (-1, -1), demo.FONT), ("SPAN", (1, 1), (2, 1)), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    story = [tagger.table(data, header_columns=1, colWidths=[80, 300, 60], style=style, splitInRow=1)]
    out = tmp_path / "table.pdf"
    write_structure(_build_small(story), tagger, "Tabel", out_path=out)
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) >= 2
        (document,) = kids(pdf.Root.StructTreeRoot)
        (table,) = [e for e in walk(document) if role(e) == "Table"]
        rows = [k for k in kids(table) if is_elem(k)]
        assert len(rows) == len(data), "the row split inside a row must not add a TR"
        scopes = [(role(c), str(c.A.get("/Scope", ""))) for r in rows for c in kids(r)]
        assert scopes[:3] == [("TH", "/Column")] * 3
        assert scopes[3] == ("TH", "/Row") and int(kids(rows[1])[1].A.ColSpan) == 2
        page_index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        long_cell = kids(rows[2])[1]
        assert len({page for page, _ in claims(long_cell, page_index)}) == 2
        assert sum(len(claims(c, page_index)) for c in kids(rows[0])) == 3, "repeated header tagged twice"
        assert_parent_tree_matches_streams(pdf)
        assert all(not scan_page(page).untagged for page in pdf.pages)


def test_write_structure_can_overwrite_its_source(tmp_path: Path) -> None:
    tagger = Tagger()
    path = tmp_path / "same.pdf"
    path.write_bytes(_build_small([tagger.leaf(Paragraph("Tekst", demo.styles()["body"]), "P")]))
    write_structure(path, tagger, "Zelfde", lang="en-GB", out_path=path)
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda t: t.leaf(Spacer(1, 1), "Figure"), "needs alt text"),
        (lambda t: t.leaf(Spacer(1, 1), "Sect"), "leaf role"),
        (lambda t: t.begin("P"), "container role"),
        (lambda t: t.table([[t.leaf(Paragraph("x"), "P")]]), "tagged flowable"),
        (lambda t: t.table([["x"]], cornerRadii=[2, 2, 2, 2]), "cornerRadii"),
        (lambda t: t.artifact(None, kind="Header").__enter__(), "artifact kind"),
    ],
    ids=[
        "figure-without-alt",
        "unknown-leaf-role",
        "unknown-container-role",
        "tagged-cell",
        "corner-radii",
        "bad-artifact-kind",
    ],
)
def test_misuse_is_refused_with_a_clear_message(call: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call(Tagger())  # type: ignore[operator]


def test_tagged_content_inside_tagged_content_fails_the_build() -> None:
    tagger, body = Tagger(), demo.styles()["body"]
    container = KeepTogether([tagger.leaf(Paragraph("Binnen", body), "P")])
    with pytest.raises(ValueError, match="tagged P drawn inside tagged Div|tagged P drawn inside tagged P"):
        _build_small([tagger.leaf(container, "P")])


def test_links_outside_tagged_content_and_leaf_languages_are_tagged(tmp_path: Path) -> None:
    tagger, body = Tagger(), demo.styles()["body"]

    def footer(canvas: object, doc: object) -> None:
        with tagger.artifact(canvas, subtype="Footer"):
            canvas.linkURL("https://example.org/colofon", (50, 20, 150, 30))  # type: ignore[attr-defined]

    demo.register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1, initialFontName=demo.FONT)
    doc.build([tagger.leaf(Paragraph("Summary in English.", body), "P", lang="en-GB")], onFirstPage=footer)
    out = tmp_path / "links.pdf"
    write_structure(buffer.getvalue(), tagger, "Links", out_path=out)
    with pikepdf.open(out) as pdf:
        (document,) = kids(pdf.Root.StructTreeRoot)
        paragraph, link = (k for k in kids(document) if is_elem(k))
        assert role(paragraph) == "P" and str(paragraph.Lang) == "en-GB"
        assert role(link) == "Link" and str(link.Alt) == "https://example.org/colofon"
        annotation = pdf.pages[0].obj.Annots[0]
        assert number_tree(pdf.Root.StructTreeRoot.ParentTree)[int(annotation.StructParent)].objgen == link.objgen


def test_end_without_begin_fails_the_build() -> None:
    tagger = Tagger()
    with pytest.raises(ValueError, match="without a matching begin"):
        _build_small([tagger.leaf(Paragraph("Tekst", demo.styles()["body"]), "P"), tagger.end()])


def test_a_table_with_min_split_rows_leaves_no_row_alone_on_either_side_of_a_break():
    from robuust_docs.pdftags import Tagger

    data = [["Indicator", "Waarde"]] + [[f"rij {n}", str(n)] for n in range(6)]
    table = Tagger(enabled=True).table(data, header_rows=1, colWidths=[100, 100])
    table.min_split_rows = 2
    table.wrap(200, 1000)
    heights = table._rowHeights
    assert table.split(200, sum(heights[:2]) + 1) == []  # header and one row: the table goes whole
    first, rest = table.split(200, sum(heights[:6]) + 1)  # room for five rows: one would be left alone
    assert (first._nrows, rest._nrows) == (1 + 4, 1 + 2)  # so four here, two there, the header repeated
    assert rest.min_split_rows == 2 and rest.split(200, sum(heights[:2]) + 1) == []  # the rest splits by the rule too
    first, rest = table.split(200, sum(heights[:4]) + 1)  # three rows here, three there: as reportlab splits
    assert (first._nrows, rest._nrows) == (1 + 3, 1 + 3)
    table.min_split_rows = 0
    assert len(table.split(200, sum(heights[:2]) + 1)) == 2  # without: reportlab's own split
