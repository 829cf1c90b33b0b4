"""The shared wire models accept the examples of docs/contracts.md and serialise to the same JSON."""

from __future__ import annotations

import uuid

import pytest
from pydantic import ValidationError

from oso_shared.contracts.aflevering import AfleveringMeta, Bron, Doel
from oso_shared.contracts.gebeurtenissen import GebeurtenisBundelIn, GebeurtenisBundelUit, GebeurtenisIn
from oso_shared.contracts.notificatie import NotificatieBron, NotificatieDoel, NotificatieIn
from oso_shared.contracts.route import Uitwisselcontrole, UitwisselcontroleAanvraag

PUNT = uuid.uuid4()


def test_route_request_and_answer() -> None:
    aanvraag = UitwisselcontroleAanvraag.model_validate(
        {"dienst": "OSO-SWV", "bron": {"brin": "99AA02", "systeem": "Magister"}, "doel": {"aanleverpunt": str(PUNT)}}
    )
    assert aanvraag.bron.brin == "99AA02"
    antwoord = Uitwisselcontrole.model_validate(
        {
            "toegestaan": True,
            "ontbrekend": [],
            "route": {
                "swv": {"code": "SWV2801", "naam": "SWV"},
                "aanleverpunt": {"id": str(PUNT), "nummer": "2801500", "label": "Loket", "routeringskenmerk": "R"},
                "endpoint": "http://127.0.0.1:8004/v1/notificaties",
                "oin": "0" * 20,
                "besluit": "jwt",
            },
        }
    )
    assert antwoord.route is not None
    assert antwoord.route.aanleverpunt.id == PUNT
    with pytest.raises(ValidationError):
        Uitwisselcontrole.model_validate(
            {"toegestaan": False, "ontbrekend": [{"stap": 4, "code": "X", "wie": "swv", "uitleg": ""}], "route": None}
        )


def test_aflevering_meta_round_trip() -> None:
    meta = AfleveringMeta(
        aflevering_id=uuid.uuid4(),
        dossier_id="d1",
        dienst="OSO-SWV",
        bron=Bron(brin="99AA", vestigingscode="02", systeem="Magister"),
        doel=Doel(aanleverpunt=PUNT),
    )
    data = meta.model_dump(mode="json", exclude_none=True)
    assert set(data) == {"aflevering_id", "dossier_id", "dienst", "bron", "doel"}
    assert AfleveringMeta.model_validate_json(meta.model_dump_json()) == meta
    with pytest.raises(ValidationError):
        Bron(brin="99AA02", systeem="Magister")  # BRIN4 only; the vestiging goes apart


def test_gebeurtenis_bundle_limits_and_answer() -> None:
    event = {
        "gebeurtenis_id": str(uuid.uuid4()),
        "aflevering_id": str(uuid.uuid4()),
        "soort": "opgehaald",
        "op": "2026-01-01T00:00:00Z",
    }
    bundel = GebeurtenisBundelIn.model_validate({"gebeurtenissen": [event]})
    assert bundel.gebeurtenissen[0] == GebeurtenisIn.model_validate(event)
    with pytest.raises(ValidationError):
        GebeurtenisBundelIn.model_validate({"gebeurtenissen": []})
    antwoord = GebeurtenisBundelUit.model_validate(
        {
            "resultaten": [
                {
                    "gebeurtenis_id": event["gebeurtenis_id"],
                    "verwerkt": False,
                    "status": None,
                    "fout": {"code": "AFLEVERING_ONBEKEND", "detail": "x"},
                }
            ]
        }
    )
    assert antwoord.resultaten[0].fout is not None


def test_notificatie_carries_no_pupil_data() -> None:
    notificatie = NotificatieIn(
        koppelsleutel="k" * 43,
        bron=NotificatieBron(brin="99AA", vestigingscode="02"),
        doel=NotificatieDoel(aanleverpunt=str(PUNT), nummer="2801500", routeringskenmerk="R"),
        ophaal_url="http://127.0.0.1:8003/v1/ophalen",
    )
    assert notificatie.model_dump(mode="json") == {
        "koppelsleutel": "k" * 43,
        "dienst": "OSO-SWV",
        "bron": {"brin": "99AA", "vestigingscode": "02"},
        "doel": {"aanleverpunt": str(PUNT), "nummer": "2801500", "routeringskenmerk": "R"},
        "ophaal_url": "http://127.0.0.1:8003/v1/ophalen",
    }
