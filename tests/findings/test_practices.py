"""Practice matching: 3 points per weak building block a practice addresses, 2 per aandachtspunt, 2 per policy
theme of the municipalities, 1 when its category is named; programmes already run and other categories left out."""

from __future__ import annotations

from dataclasses import replace

from robuust_docs.content import Practice
from robuust_docs.findings import match_practices
from robuust_docs.status import Status

BASE = Practice(
    id="p",
    titel="P",
    categorieen=("alle",),
    modules=(),
    themas=(),
    programma=None,
    samenvatting="",
    beschrijving="",
    benodigd=(),
    impact=(),
)


class _Content:
    def __init__(self, *practices: Practice):
        self.practices = practices


def _practice(pid: str, **changes) -> Practice:
    return replace(BASE, id=pid, titel=pid, **changes)


STATUSES = {"personeel": Status.WEAK, "financien": Status.ATTENTION, "bereik": Status.ROBUST}


def test_points_add_up_per_weak_module_attention_module_theme_and_named_category():
    practices = (
        _practice("weak", modules=("personeel",)),  # 3
        _practice("attention", modules=("financien",)),  # 2
        _practice("theme", themas=("geletterdheid",)),  # 2
        _practice("all", modules=("personeel", "financien"), themas=("geletterdheid",), categorieen=("compact",)),
    )
    matches = match_practices("compact", STATUSES, {"geletterdheid"}, set(), _Content(*practices))
    assert [(m.practice.id, m.score) for m in matches] == [("all", 8), ("weak", 3), ("attention", 2), ("theme", 2)]
    best = matches[0]
    assert best.weak_modules == ("personeel",) and best.attention_modules == ("financien",)
    assert best.themes == ("geletterdheid",)


def test_a_practice_for_robust_modules_only_and_no_theme_is_not_chosen():
    matches = match_practices("compact", STATUSES, set(), set(), _Content(_practice("robust", modules=("bereik",))))
    assert matches == ()


def test_programmes_already_run_and_other_categories_are_left_out():
    practices = (
        _practice("taalhuis", modules=("personeel",), programma="taalhuis"),
        _practice("city", modules=("personeel",), categorieen=("grote_stad",)),
        _practice("kept", modules=("personeel",)),
    )
    matches = match_practices("compact", STATUSES, set(), {"taalhuis"}, _Content(*practices))
    assert [m.practice.id for m in matches] == ["kept"]


def test_ties_keep_the_content_order_and_the_limit_holds():
    practices = tuple(_practice(f"p{i}", modules=("personeel",)) for i in range(8))
    matches = match_practices("compact", STATUSES, set(), set(), _Content(*practices), limit=5)
    assert [m.practice.id for m in matches] == ["p0", "p1", "p2", "p3", "p4"]
