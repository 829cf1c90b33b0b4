"""Shared test data and helpers for the portal's page tests (imported relatively by the test modules)."""

from __future__ import annotations

import httpx

from oso_dev.testing import test_sleutels
from oso_shared.auth import Principal

LEERLING_ID = "11111111-1111-4111-8111-111111111111"
DOSSIER_ID = "22222222-2222-4222-8222-222222222222"
AANLEVERPUNT_ID = "59f952f6-e07e-5962-97d7-2a6d9ee87d66"


def principal_van(request: httpx.Request) -> Principal:
    """The principal the portal put in the bearer token of a backend call (verified as the backend it went to)."""
    token = request.headers["authorization"].removeprefix("Bearer ")
    doel = "dossier" if request.url.host.startswith("dossier") else "registry"
    return test_sleutels().tokens(doel).verify(token)


def leerling() -> dict[str, object]:
    return {
        "id": LEERLING_ID,
        "brin": "99AA",
        "vestigingscode": "00",
        "leerlingnummer": "99AA-1001",
        "heeft_bsn": True,
        "heeft_onderwijsnummer": False,
        "gegevens": {
            "voornamen": ["Daan"],
            "achternaam": "Dijk",
            "voorvoegsel": "van",
            "geboortedatum": "2011-03-14",
            "schoolloopbaan": [],
            "onderwijsondersteuning": {},
        },
        "aangemaakt_op": "2026-11-23T10:00:00Z",
        "gewijzigd_op": "2026-11-23T10:00:00Z",
        "bsn": "123456782",
    }


def dossier(status: str = "concept", **extra: object) -> dict[str, object]:
    body: dict[str, object] = {
        "id": DOSSIER_ID,
        "leerling_id": LEERLING_ID,
        "brin": "99AA",
        "vestigingscode": "00",
        "status": status,
        "melding": None,
        "school": {},
        "aanleverpunt": {"id": AANLEVERPUNT_ID, "nummer": "2801500", "label": "2801 500 SWV VO Rijnmond"},
        "opties": {"contactnodig": None, "contactpersoon": None, "aandachtspunten": None},
        "categorieen": {"cat_verzuim": "OPTIONEEL", "cat_cijferlijsten": "OPT-UIT"},
        "vorige_dossier_id": None,
        "voltooid_op": None,
        "gegenereerd_op": "2026-11-23T10:05:00Z",
        "xml_grootte": 11264,
        "xml_sha256": "ab" * 32,
        "actueel": True,
        "validatie": None,
        "aflevering_id": None,
        "mislukt_reden": None,
        "terugkoppeling": None,
        "bijlagen": [],
        "aangemaakt_op": "2026-11-23T10:00:00Z",
        "gewijzigd_op": "2026-11-23T10:05:00Z",
        "opgeschoond_op": None,
    }
    body.update(extra)
    return body
