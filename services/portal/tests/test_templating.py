"""Dutch date and size formatting of the templates."""

from __future__ import annotations

from oso_portal.templating import bestandsgrootte, datum, datumtijd


def test_datum_in_nederlands_formaat() -> None:
    assert datum("2011-03-14") == "14 maart 2011"
    assert datum(None) == "—"
    # Stored in UTC, shown in Amsterdam time (winter: +1, summer: +2).
    assert datumtijd("2026-11-23T23:30:00Z") == "24 november 2026, 00:30"
    assert datumtijd("2026-07-01T10:00:00+00:00") == "1 juli 2026, 12:00"
    assert datum("geen datum") == "—"


def test_bestandsgrootte() -> None:
    assert bestandsgrootte(512) == "512 bytes"
    assert bestandsgrootte(11264) == "11,0 kB"
    assert bestandsgrootte(5 * 1024 * 1024) == "5,0 MB"
