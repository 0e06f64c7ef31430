"""Sentences of the chapter on the municipalities, on stand-ins for a library's municipalities."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from robuust_docs.report.municipalities import _distance_sentence, _subsidy_comparison


def _library(per_inhabitant: list[float], distances: list[float] | None = None):
    distances = distances or [1.0] * len(per_inhabitant)
    munis = [
        SimpleNamespace(
            code=f"GM{i}",
            proximity=object(),
            variables={"subsidie_per_inwoner": p, "gem_afstand_volwaardig_km": d, "aandeel_binnen_2km": 40.0},
        )
        for i, (p, d) in enumerate(zip(per_inhabitant, distances, strict=True))
    ]
    return SimpleNamespace(
        municipalities=munis, category=SimpleNamespace(id="compact"), access=SimpleNamespace(full_count=1)
    )


NO_NORMS = SimpleNamespace(indicators=())


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        (0, "het meest van de vijf gemeenten"),
        (1, "de op één na hoogste van de vijf gemeenten"),
        (2, "de op twee na hoogste van de vijf gemeenten"),  # not 'de derde hoogste'
        (3, "de op drie na hoogste van de vijf gemeenten"),
        (4, "het minst van de vijf gemeenten"),
    ],
)
def test_a_rank_among_the_municipalities_reads_op_n_na_hoogste(position, expected):
    lib = _library([30.0, 28.0, 26.0, 24.0, 22.0])
    assert _subsidy_comparison(lib, lib.municipalities[position], NO_NORMS) == expected


def test_the_distance_is_where_the_inhabitants_live_op_gemiddeld():
    lib = _library([30.0, 20.0], [2.1, 1.0])
    sentence = _distance_sentence(lib, lib.municipalities[0])
    assert sentence.startswith("De inwoners wonen op gemiddeld 2,1 km van een volwaardige vestiging")
