"""What a Word template may not do, found by `template check` with the paragraph and the construct: includes,
macros, `set`, calls, `**` and `*` on texts, unsafe filters, loops over a text instead of a list (the way around
the field check), loops nested too deep, Jinja hidden in a text box or the document properties; zip bombs; and
external links, which are reported as warnings because every document leaves them out."""

from __future__ import annotations

import shutil
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml

from robuust_docs.errors import TemplateError
from robuust_docs.overview import Overview
from robuust_docs.render import check_template, template_problems, template_warnings
from robuust_docs.render.docx import sanitize

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT / "templates" / "handreiking.docx"


def with_paragraph(tmp_path: Path, text: str) -> tuple[Path, str]:
    """The default template with one paragraph added at the end; returns the file and that paragraph's place."""
    doc = Document(str(DEFAULT))
    doc.add_paragraph(text)
    path = tmp_path / "sjabloon.docx"
    doc.save(path)
    return path, f"alinea {len(doc.paragraphs)}"


def only_problem(path: Path):
    (problem,) = template_problems(path)
    assert problem.file == path.name
    return problem


def test_the_default_templates_pass():
    assert template_problems(DEFAULT) == []
    assert template_problems(ROOT / "templates" / "overzicht.docx", Overview) == []
    assert template_warnings(DEFAULT) == []


@pytest.mark.parametrize(
    ("text", "message", "value"),
    [
        ("{% include 'word/document.xml' %}", "'{% include %}'", "word/document.xml"),
        ("{% import 'x' as y %}", "'{% import %}'", "x"),
        ("{% macro m(n) %}{{ n }}{% endmacro %}", "macro's", "m"),
        ("{% set x = bibliotheek.naam ~ bibliotheek.naam %}", "'{% set %}'", None),
        ("{% with x = bibliotheek.naam %}{% endwith %}", "'{% with %}'", None),
        ("{{ bibliotheek.naam.ljust(1000000000) }}", "aanroepen is niet toegestaan", "bibliotheek.naam.ljust(…)"),
        ("{{ 7 ** 7 ** 10 }}", "machtsverheffen", None),
        ("{{ bibliotheek.naam * 1000000000 }}", "vermenigvuldigen", None),
        ("{{ '%0999999999d' % 1 }}", "'%'", None),
        ("{{ bibliotheek.naam | center(4000000000) }}", "filter '|center' is niet toegestaan", "center"),
        ("{{ bibliotheek.naam | join('x') | join('y') }}", "'|join' kan alleen op een veld", "bibliotheek.naam"),
        ("{% autoescape false %}{{ bibliotheek.naam }}{% endautoescape %}", "'{% autoescape %}'", None),
    ],
    ids=[
        "include",
        "import",
        "macro",
        "set",
        "with",
        "method-call",
        "huge-power",
        "big-string",
        "format",
        "center",
        "join-chain",
        "autoescape",
    ],
)
def test_a_construct_a_word_template_may_not_use_is_named_with_its_paragraph(tmp_path, text, message, value):
    path, place = with_paragraph(tmp_path, text)
    problems = template_problems(path)
    assert problems, text
    problem = problems[0]
    assert problem.file == "sjabloon.docx" and problem.message.startswith(f"{place}: ")
    assert message in problem.message and problem.value == value
    with pytest.raises(TemplateError):
        check_template(path)


def test_a_loop_over_a_text_cannot_get_around_the_field_check(tmp_path):
    # before: every field below a loop over a known field passed; nested, this ran for minutes
    loops = "".join("{% for x" + str(n) + " in bibliotheek.naam %}" for n in range(4))
    path, place = with_paragraph(tmp_path, loops + "{{ x3 }}" + "{% endfor %}" * 4)
    problems = template_problems(path)
    assert [p.value for p in problems] == ["bibliotheek.naam"] * 4
    assert all(p.message == f"{place}: '{{% for %}}' kan alleen over een lijst uit het rapport" for p in problems)


def test_loops_over_lists_may_nest_four_deep_but_not_five(tmp_path):
    deep = "{% for a in bouwstenen %}{% for b in a.rijen %}{% for c in bouwstenen %}{% for d in c.rijen %}"
    path, _ = with_paragraph(tmp_path, deep + "{{ d.naam }}" + "{% endfor %}" * 4)
    assert template_problems(path) == []
    path, place = with_paragraph(tmp_path, deep + "{% for e in bouwstenen %}{% endfor %}" + "{% endfor %}" * 4)
    assert only_problem(path).message == f"{place}: lussen zijn te diep genest (ten hoogste 4 in elkaar)"


def test_a_loop_variable_does_not_leak_out_of_its_loop(tmp_path):
    path, place = with_paragraph(tmp_path, "{% for m in bouwstenen %}{% endfor %}{{ m.naam }}")
    problem = only_problem(path)
    assert problem.value == "m.naam" and problem.message.startswith(f"{place}: onbekend veld")


def test_a_loop_may_run_through_paragraphs_and_a_table_in_document_order(tmp_path):
    doc = Document()
    doc.add_paragraph("{%p for m in bouwstenen %}")
    doc.add_table(rows=1, cols=1).rows[0].cells[0].text = "{% for r in m.rijen %}{{ r.waarde }}{% endfor %}"
    doc.add_paragraph("{%p endfor %}")
    doc.save(tmp_path / "volgorde.docx")
    assert template_problems(tmp_path / "volgorde.docx") == []


def _text_box(text: str):
    return parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
        f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )


def test_jinja_in_a_text_box_is_checked_too(tmp_path):
    doc = Document(str(DEFAULT))
    doc.add_paragraph("Gewone tekst")._p.append(_text_box("{{ bibliotheek.naam * 1000000000 }}"))
    doc.save(tmp_path / "tekstvak.docx")
    problem = only_problem(tmp_path / "tekstvak.docx")
    assert problem.message.startswith("hoofdtekst (buiten de gewone alinea's en tabellen, bijvoorbeeld een tekstvak)")
    assert "vermenigvuldigen" in problem.message


def test_jinja_in_the_document_properties_is_checked_too(tmp_path):
    doc = Document(str(DEFAULT))
    doc.core_properties.title = "{% for x in bibliotheek.naam %}{% endfor %}"
    doc.save(tmp_path / "eigenschappen.docx")
    problem = only_problem(tmp_path / "eigenschappen.docx")
    assert problem.message == "documenteigenschappen: '{% for %}' kan alleen over een lijst uit het rapport"


def _rezip(source: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, change(item.filename, zin.read(item.filename)))
        extra = change("extra", None)
        if extra:
            for name, data in extra.items():
                zout.writestr(name, data)
    return target


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    bomb = tmp_path / "bom.docx"
    with zipfile.ZipFile(DEFAULT) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename != "word/document.xml":
                zout.writestr(item, zin.read(item.filename))
        with zout.open("word/document.xml", "w", force_zip64=True) as part:
            for _ in range(64):
                part.write(b" " * (1 << 20))  # 64 MB of spaces, 64 KB packed
    assert bomb.stat().st_size < 1 << 20
    started = time.process_time()
    problem = only_problem(bomb)
    assert time.process_time() - started < 2
    assert "word/document.xml is uitgepakt groter dan 10 MB" in problem.message and problem.value == "64,0 MB"


def test_too_many_parts_or_too_much_in_total_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(sanitize, "MAX_TEMPLATE_PARTS", 5)
    assert "meer dan 5 onderdelen" in only_problem(DEFAULT).message
    monkeypatch.setattr(sanitize, "MAX_TEMPLATE_PARTS", 1000)
    monkeypatch.setattr(sanitize, "MAX_TEMPLATE_UNPACKED_BYTES", 1000)
    assert "uitgepakt groter dan" in only_problem(DEFAULT).message


SETTINGS_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdEvil1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'attachedTemplate" Target="http://attacker.example/t.dotm" TargetMode="External"/></Relationships>'
)
FILE_LINK = (
    b'<Relationship Id="rIdEvil2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'hyperlink" Target="file:///etc/passwd" TargetMode="External"/>'
    b'<Relationship Id="rIdWeb" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'hyperlink" Target="https://www.bibliotheek.nl/" TargetMode="External"/></Relationships>'
)
R = b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def with_external_links(target: Path) -> Path:
    """The default template with a remote attached template, a file:/// link and a web link."""

    def change(name, data):
        if name == "extra":
            return {"word/_rels/settings.xml.rels": SETTINGS_RELS}
        if name == "word/settings.xml":
            if R not in data:
                data = data.replace(b"<w:settings ", b"<w:settings " + R + b" ", 1)
            return data.replace(b"<w:defaultTabStop", b'<w:attachedTemplate r:id="rIdEvil1"/><w:defaultTabStop', 1)
        if name == "word/_rels/document.xml.rels":
            return data.replace(b"</Relationships>", FILE_LINK)
        if name == "word/document.xml":
            links = (
                b'<w:p><w:hyperlink r:id="rIdEvil2"><w:r><w:t>lokaal bestand</w:t></w:r></w:hyperlink></w:p>'
                b'<w:p><w:hyperlink r:id="rIdWeb"><w:r><w:t>website</w:t></w:r></w:hyperlink></w:p>'
            )
            end = data.rfind(b"<w:sectPr")
            return data[:end] + links + data[end:]
        return data

    return _rezip(DEFAULT, target, change)


def test_external_links_are_warnings_that_name_the_target(tmp_path):
    path = with_external_links(tmp_path / "extern.docx")
    assert template_problems(path) == []
    warnings = template_warnings(path)
    assert sorted(w.value for w in warnings) == ["file:///etc/passwd", "http://attacker.example/t.dotm"]
    by_target = {w.value: w.message for w in warnings}
    assert by_target["http://attacker.example/t.dotm"].startswith("een gekoppeld sjabloon in word/settings.xml")
    assert "niet overgenomen" in by_target["file:///etc/passwd"]


def test_external_links_are_dropped_from_a_document_and_web_links_kept(tmp_path):
    from robuust_docs.render.docx.sanitize import drop_external_links

    doc = Document(str(with_external_links(tmp_path / "extern.docx")))
    removed = drop_external_links(doc)
    assert sorted(removed) == ["file:///etc/passwd", "http://attacker.example/t.dotm"]
    doc.save(tmp_path / "schoon.docx")
    with zipfile.ZipFile(tmp_path / "schoon.docx") as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"attacker.example" not in everything and b"file:///" not in everything
    assert b"https://www.bibliotheek.nl/" in everything
    texts = [p.text for p in Document(str(tmp_path / "schoon.docx")).paragraphs]
    assert "lokaal bestand" in texts and "website" in texts  # the link's text stays


def test_template_check_command_shows_the_warnings_and_succeeds(tmp_path):
    from click.testing import CliRunner

    from robuust_docs.cli import main

    path = with_external_links(tmp_path / "extern.docx")
    result = CliRunner().invoke(main, ["template", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert "geen fouten gevonden, wel 2 waarschuwingen" in result.output
    assert "http://attacker.example/t.dotm" in result.output


def test_a_copied_template_keeps_working(tmp_path):
    shutil.copy(DEFAULT, tmp_path / "kopie.docx")
    assert template_problems(tmp_path / "kopie.docx") == []
