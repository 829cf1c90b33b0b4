"""The line of a JSON path in the original text (for import error messages)."""

from __future__ import annotations

from oso_registry.gegevens.locatie import regel_van


def test_regel_van_pad() -> None:
    tekst = '{\n "a": [\n  1,\n  {"b": 2,\n   "c": 3}\n ]\n}'
    assert regel_van(tekst, ("a",)) == 2
    assert regel_van(tekst, ("a", 1, "c")) == 5
    assert regel_van(tekst, ("a", 0)) == 3
    assert regel_van(tekst, ("a", 5)) is None
