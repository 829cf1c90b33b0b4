"""BRIN parsing: exactly two digits + two capitals, optionally two more digits; everything else is 422."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oso_registry.brin import Brin, parse_brin, parse_brin4
from oso_registry.problems import OngeldigeBrin

GELDIG = re.compile(r"[0-9]{2}[A-Z]{2}([0-9]{2})?")


@given(st.from_regex(GELDIG, fullmatch=True))
def test_geldige_brin_wordt_in_twee_delen_gesplitst(waarde: str) -> None:
    brin = parse_brin(waarde)
    assert brin.brin4 == waarde[:4]
    assert brin.vestigingscode == (waarde[4:] or None)
    assert str(brin) == waarde


@given(st.text(max_size=8).filter(lambda s: GELDIG.fullmatch(s) is None))
def test_al_het_andere_is_ongeldig(waarde: str) -> None:
    with pytest.raises(OngeldigeBrin):
        parse_brin(waarde)


def test_brin4_weigert_brin6() -> None:
    assert parse_brin4("99AA") == "99AA"
    assert parse_brin("99AA02") == Brin("99AA", "02")
    with pytest.raises(OngeldigeBrin):
        parse_brin4("99AA02")
