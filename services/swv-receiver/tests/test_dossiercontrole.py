"""The receiver's sanity check of a fetched dossier: hardened parsing, SWV profile, no PGN."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from swv_receiver.dossiercontrole import DossierOngeldig, controleer


def test_kern_uit_dossier(dossier: Callable[..., bytes]) -> None:
    kern = controleer(dossier(brin="99AC", vestigingscode="00", overstap="POSWV"), 1_000_000)
    assert (kern.brin, kern.vestigingscode, kern.overstap) == ("99AC", "00", "POSWV")
    assert kern.schoolnaam == "Scholengemeenschap De Brug"
    assert kern.leerling_naam == "Daan van de Berg"


@pytest.mark.parametrize(
    ("extra", "overstap", "code"),
    [
        ("<bsn>123456782</bsn>", "VOSWV", "DOSSIER_BEVAT_PGN"),
        ("<onderwijsnummer>100000009</onderwijsnummer>", "VOSWV", "DOSSIER_BEVAT_PGN"),
        ("", "VOVO", "DOSSIER_GEEN_SWV_DOSSIER"),
    ],
)
def test_afgekeurd(dossier: Callable[..., bytes], extra: str, overstap: str, code: str) -> None:
    with pytest.raises(DossierOngeldig) as exc:
        controleer(dossier(extra_leerling=extra, overstap=overstap), 1_000_000)
    assert exc.value.code == code


def test_externe_entiteit_wordt_niet_geladen() -> None:
    xml = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>'
    with pytest.raises(DossierOngeldig) as exc:
        controleer(xml, 1_000_000)
    assert exc.value.code == "DOSSIER_DTD_NIET_TOEGESTAAN"


def test_te_groot(dossier: Callable[..., bytes]) -> None:
    with pytest.raises(DossierOngeldig) as exc:
        controleer(dossier(), 10)
    assert exc.value.code == "DOSSIER_TE_GROOT"


def test_zonder_school_of_leerling() -> None:
    ns = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"
    basis = f'<dossier xmlns="{ns}"><metadata><overstap>VOSWV</overstap></metadata>'
    basis += "<overdrachtsoort>swv-dossier</overdrachtsoort>"
    with pytest.raises(DossierOngeldig) as exc:
        controleer((basis + "</dossier>").encode(), 10_000)
    assert exc.value.code == "DOSSIER_ZONDER_SCHOOL"
    with pytest.raises(DossierOngeldig) as exc:
        controleer((basis + "<huidigeschool><brincode>99AA</brincode></huidigeschool></dossier>").encode(), 10_000)
    assert exc.value.code == "DOSSIER_ZONDER_LEERLING"
