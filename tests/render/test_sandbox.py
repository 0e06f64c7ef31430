"""The environment the Word template renders in enforces the template rules on every part it compiles, and stops
a render that loops, writes or takes too much, with a Dutch message instead of a hang or a MemoryError."""

from __future__ import annotations

import pytest

from robuust_docs.render.docx import sandbox
from robuust_docs.render.docx.sandbox import TemplateLimitError, TemplateSandbox
from robuust_docs.report import Report

MODULES = [{"naam": f"bouwsteen {n}", "rijen": [{"waarde": str(n)}] * 3} for n in range(10)]


def render(source: str, **context) -> str:
    env = TemplateSandbox(Report, autoescape=True)
    return env.from_string(source).render(context)


def test_a_template_within_the_rules_renders():
    out = render("{% for m in bouwstenen %}{{ m.naam|upper }};{% endfor %}", bouwstenen=MODULES[:2])
    assert out == "BOUWSTEEN 0;BOUWSTEEN 1;"


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("{% include 'word/document.xml' %}", "'{% include %}'"),
        ("{{ 7 ** 7 ** 10 }}", "machtsverheffen"),
        ("{{ bibliotheek.naam * 1000000000 }}", "vermenigvuldigen"),
        ("{% for x in bibliotheek.naam %}{% endfor %}", "kan alleen over een lijst"),
        ("{{ range(10) }}", "aanroepen is niet toegestaan"),
    ],
)
def test_every_compiled_part_obeys_the_template_rules(source, words):
    with pytest.raises(TemplateLimitError) as caught:
        render(source, bibliotheek={"naam": "x"})
    assert words in str(caught.value)


def test_only_safe_filters_and_no_globals_exist():
    env = TemplateSandbox(Report)
    assert "center" not in env.filters and "indent" not in env.filters and "format" not in env.filters
    assert "join" in env.filters and env.globals == {}


def test_loops_are_counted_even_when_they_write_nothing(monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_LOOP_STEPS", 50)
    source = "{% for a in bouwstenen %}{% for b in bouwstenen %}{% endfor %}{% endfor %}"
    with pytest.raises(TemplateLimitError) as caught:
        render(source, bouwstenen=MODULES)
    assert "meer dan 50 keer rond" in str(caught.value)
    monkeypatch.setattr(sandbox, "MAX_LOOP_STEPS", 110)
    assert render(source, bouwstenen=MODULES) == ""


def test_the_output_of_one_part_is_limited(monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_RENDERED_CHARS", 1000)
    with pytest.raises(TemplateLimitError) as caught:
        render("{% for m in bouwstenen %}{{ m.naam }}{% endfor %}", bouwstenen=[{"naam": "x" * 200}] * 10)
    assert "meer dan 1.000 tekens" in str(caught.value)


def test_a_render_that_takes_too_long_stops(monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_RENDER_SECONDS", -1.0)
    with pytest.raises(TemplateLimitError) as caught:
        render("{{ bibliotheek.naam }}", bibliotheek={"naam": "x"})
    assert "langer dan" in str(caught.value)
