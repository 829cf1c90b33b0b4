"""The exchange check: every missing-step combination, the demo setups, lookups and bad input."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable

import httpx
import pytest

from oso_dev.demo import world
from oso_dev.testing import test_sleutels
from oso_registry.mandaten.models import Mandaat
from oso_registry.organisaties.models import Bestuur, School, Vestiging
from oso_registry.settings import Settings
from oso_registry.swv.models import Aanleverpunt, Samenwerkingsverband, SwvRegistratie
from oso_shared.auth import UITWISSELBESLUIT, Rol
from oso_shared.db import Database, utcnow

Headers = dict[str, str]
TokenMaker = Callable[..., Headers]

RIJNMOND = world.SWV_RIJNMOND.aanleverpunt_id
UTRECHT = world.SWV_UTRECHT.aanleverpunt_id
AP_ID = uuid.UUID("00000000-0000-4000-8000-000000000001")

CODES = (
    "SCHOOL_NIET_GEREGISTREERD_BIJ_SWV",
    "MANDAAT_SCHOOLSYSTEEM_ONTBREEKT",
    "MANDAAT_SWV_SYSTEEM_ONTBREEKT",
    "BRIN_NIET_GEREGISTREERD_VOOR_OSO_SWV",
    "AANLEVERPUNT_NIET_INGESTELD",
)
STAP_WIE = {
    "SCHOOL_NIET_GEREGISTREERD_BIJ_SWV": (1, "swv"),
    "MANDAAT_SCHOOLSYSTEEM_ONTBREEKT": (2, "bestuur"),
    "MANDAAT_SWV_SYSTEEM_ONTBREEKT": (2, "bestuur"),
    "BRIN_NIET_GEREGISTREERD_VOOR_OSO_SWV": (3, "school"),
    "AANLEVERPUNT_NIET_INGESTELD": (3, "school"),
}


def controle(brin: str, aanleverpunt: str, systeem: str = "Magister") -> dict[str, object]:
    return {"dienst": "OSO-SWV", "bron": {"brin": brin, "systeem": systeem}, "doel": {"aanleverpunt": aanleverpunt}}


async def bouw(database: Database, ontbreekt: set[str]) -> None:
    """A one-school world with exactly the steps in ``ontbreekt`` missing."""
    async with database.transaction() as s:
        s.add(Bestuur(nummer="10001", naam="Testbestuur"))
        await s.flush()
        s.add(
            School(
                brin="11XX",
                naam="Testschool",
                bestuur_nummer="10001",
                oso_swv_geregistreerd_op=None if "BRIN_NIET_GEREGISTREERD_VOOR_OSO_SWV" in ontbreekt else utcnow(),
                oso_swv_geregistreerd_door="t",
            )
        )
        s.add(Samenwerkingsverband(code="T1", naam="SWV Test", systeem="Kindkans"))
        await s.flush()
        s.add(
            Vestiging(
                brin="11XX",
                vestigingscode="00",
                naam="Testschool",
                aanleverpunt_ingesteld_op=None if "AANLEVERPUNT_NIET_INGESTELD" in ontbreekt else utcnow(),
            )
        )
        s.add(
            Aanleverpunt(
                id=AP_ID,
                swv_code="T1",
                nummer="1111500",
                label="1111 500 SWV Test",
                routeringskenmerk="00000007000111100500",
                endpoint="http://swv.test/notificaties",
                oin="00000001000000001000",
                publieke_sleutel=world.SWV_RIJNMOND.public_key_pem,
            )
        )
        if "SCHOOL_NIET_GEREGISTREERD_BIJ_SWV" not in ontbreekt:
            s.add(SwvRegistratie(swv_code="T1", brin="11XX", geregistreerd_door="t"))
        # OSO-OV mandates never count for OSO-SWV, so they are always present here.
        s.add(Mandaat(brin="11XX", dienst="OSO-OV", systeem="Magister", verleend_door="t"))
        s.add(Mandaat(brin="11XX", dienst="OSO-OV", systeem="Kindkans", verleend_door="t"))
        if "MANDAAT_SCHOOLSYSTEEM_ONTBREEKT" not in ontbreekt:
            s.add(Mandaat(brin="11XX", dienst="OSO-SWV", systeem="Magister", verleend_door="t"))
        if "MANDAAT_SWV_SYSTEEM_ONTBREEKT" not in ontbreekt:
            s.add(Mandaat(brin="11XX", dienst="OSO-SWV", systeem="Kindkans", verleend_door="t"))
        else:
            # A revoked mandate is no mandate.
            s.add(
                Mandaat(
                    brin="11XX",
                    dienst="OSO-SWV",
                    systeem="Kindkans",
                    verleend_door="t",
                    ingetrokken_op=utcnow(),
                    ingetrokken_door="t",
                )
            )


COMBINATIES = [
    frozenset(c for c, weg in zip(CODES, bits, strict=True) if weg)
    for bits in itertools.product((False, True), repeat=len(CODES))
]


@pytest.mark.parametrize("ontbreekt", COMBINATIES, ids=lambda c: "+".join(sorted(c)) or "compleet")
async def test_elke_combinatie_van_ontbrekende_stappen(
    client: httpx.AsyncClient, database: Database, dienst: Headers, settings: Settings, ontbreekt: frozenset[str]
) -> None:
    await bouw(database, set(ontbreekt))
    response = await client.post("/v1/uitwisselcontroles", json=controle("11XX", str(AP_ID)), headers=dienst)
    assert response.status_code == 200
    body = response.json()
    codes = [o["code"] for o in body["ontbrekend"]]
    assert codes == [c for c in CODES if c in ontbreekt]  # every missing step, in step order
    for o in body["ontbrekend"]:
        assert (o["stap"], o["wie"]) == STAP_WIE[o["code"]]
        assert "11XX" in o["uitleg"]
        assert o["uitleg"].endswith(".")
    assert body["toegestaan"] is (not ontbreekt)
    if ontbreekt:
        assert body["route"] is None
    else:
        besluit = (
            test_sleutels()
            .tokens("oso-gateway")
            .verify_statement(body["route"].pop("besluit"), UITWISSELBESLUIT, uitgever="registry")
        )
        assert {k: v for k, v in besluit.items() if k not in ("iss", "aud", "iat", "exp")} == {
            "dienst": "OSO-SWV",
            "brin": "11XX",
            "vestigingscode": "00",
            "systeem": "Magister",
            "aanleverpunt": str(AP_ID),
            "nummer": "1111500",
            "routeringskenmerk": "00000007000111100500",
            "endpoint": "http://swv.test/notificaties",
            "swv": "T1",
            "swv_naam": "SWV Test",
        }
        assert besluit["exp"] - besluit["iat"] == settings.besluit_ttl_seconds
        assert body["route"] == {
            "swv": {"code": "T1", "naam": "SWV Test"},
            "aanleverpunt": {
                "id": str(AP_ID),
                "nummer": "1111500",
                "label": "1111 500 SWV Test",
                "routeringskenmerk": "00000007000111100500",
            },
            "endpoint": "http://swv.test/notificaties",
            "oin": "00000001000000001000",
        }


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize(
    ("brin", "aanleverpunt", "verwacht"),
    [
        ("99AA", RIJNMOND, []),
        ("99AA00", RIJNMOND, []),
        ("99AA01", RIJNMOND, []),
        ("99AA", world.SWV_RIJNMOND.aanleverpunt_nummer, []),
        ("99AB", RIJNMOND, ["MANDAAT_SWV_SYSTEEM_ONTBREEKT"]),
        ("99AC", RIJNMOND, ["SCHOOL_NIET_GEREGISTREERD_BIJ_SWV"]),
        ("99AC00", RIJNMOND, ["SCHOOL_NIET_GEREGISTREERD_BIJ_SWV"]),
        ("99AC02", RIJNMOND, []),
        ("99BA", UTRECHT, ["BRIN_NIET_GEREGISTREERD_VOOR_OSO_SWV", "AANLEVERPUNT_NIET_INGESTELD"]),
        ("99BB", UTRECHT, ["MANDAAT_SCHOOLSYSTEEM_ONTBREEKT"]),
        ("99BB01", UTRECHT, ["MANDAAT_SCHOOLSYSTEEM_ONTBREEKT"]),
        ("99AA", UTRECHT, ["SCHOOL_NIET_GEREGISTREERD_BIJ_SWV"]),
    ],
)
async def test_demo_opzet(
    client: httpx.AsyncClient, dienst: Headers, brin: str, aanleverpunt: str, verwacht: list[str]
) -> None:
    body = (await client.post("/v1/uitwisselcontroles", json=controle(brin, aanleverpunt), headers=dienst)).json()
    assert [o["code"] for o in body["ontbrekend"]] == verwacht
    assert body["toegestaan"] is (not verwacht)
    if not verwacht:
        assert body["route"]["aanleverpunt"]["id"] in (RIJNMOND, UTRECHT)
        assert body["route"]["endpoint"] == world.RECEIVER_NOTIFY_URL


@pytest.mark.usefixtures("demo")
async def test_happy_path_route_rijnmond(client: httpx.AsyncClient, dienst: Headers) -> None:
    body = (await client.post("/v1/uitwisselcontroles", json=controle("99AA02"[:4], RIJNMOND), headers=dienst)).json()
    assert body["route"].pop("besluit")  # its claims: test_elke_combinatie_van_ontbrekende_stappen
    assert body["route"] == {
        "swv": {"code": "VO2801", "naam": "Samenwerkingsverband VO Rijnmond"},
        "aanleverpunt": {
            "id": RIJNMOND,
            "nummer": "2801500",
            "label": "2801 500 SWV VO Rijnmond",
            "routeringskenmerk": "00000007000280100500",
        },
        "endpoint": world.RECEIVER_NOTIFY_URL,
        "oin": world.SWV_RIJNMOND.oin,
    }


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize(
    ("brin", "aanleverpunt", "systeem", "status", "code"),
    [
        ("99AA", "6350ec86-e0a6-4f1b-a05f-9e45bb0c33a9", "Magister", 404, "ONBEKEND_AANLEVERPUNT"),
        ("99AA", "9999500", "Magister", 404, "ONBEKEND_AANLEVERPUNT"),
        ("99AA", "geen-id", "Magister", 404, "ONBEKEND_AANLEVERPUNT"),
        ("99aa", RIJNMOND, "Magister", 422, "ONGELDIGE_BRIN"),
        ("9AA", RIJNMOND, "Magister", 422, "ONGELDIGE_BRIN"),
        ("99AA0", RIJNMOND, "Magister", 422, "ONGELDIGE_BRIN"),
        ("99ZZ", RIJNMOND, "Magister", 404, "VERSTREKKER_NIET_BEKEND"),
        ("99AA07", RIJNMOND, "Magister", 404, "VESTIGING_ONBEKEND"),
        ("99AA", RIJNMOND, "Kindkans", 422, "ONBEKEND_SCHOOLSYSTEEM"),
        ("99AA", RIJNMOND, "Somtoday", 422, "ONBEKEND_SCHOOLSYSTEEM"),
    ],
)
async def test_foute_invoer_is_een_probleem(
    client: httpx.AsyncClient, dienst: Headers, brin: str, aanleverpunt: str, systeem: str, status: int, code: str
) -> None:
    response = await client.post("/v1/uitwisselcontroles", json=controle(brin, aanleverpunt, systeem), headers=dienst)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == code


@pytest.mark.usefixtures("demo")
async def test_andere_dienst_en_extra_velden_geweigerd(client: httpx.AsyncClient, dienst: Headers) -> None:
    body = controle("99AA", RIJNMOND)
    body["dienst"] = "OSO-OV"
    assert (await client.post("/v1/uitwisselcontroles", json=body, headers=dienst)).status_code == 422
    body = controle("99AA", RIJNMOND) | {"extra": 1}
    assert (await client.post("/v1/uitwisselcontroles", json=body, headers=dienst)).status_code == 422


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("rol", [Rol.ZORGCOORDINATOR, Rol.SCHOOLBEHEERDER])
async def test_school_controleert_alleen_zichzelf(client: httpx.AsyncClient, token: TokenMaker, rol: Rol) -> None:
    eigen = token(rol, school="99AA")
    assert (await client.post("/v1/uitwisselcontroles", json=controle("99AA01", RIJNMOND), headers=eigen)).json()[
        "toegestaan"
    ]
    andere = await client.post("/v1/uitwisselcontroles", json=controle("99AB", RIJNMOND), headers=eigen)
    assert andere.status_code == 403
    assert andere.json()["code"] == "BUITEN_BEREIK"


@pytest.mark.usefixtures("demo")
async def test_vestiging_zonder_eigen_omgeving_telt_niet_als_brin6_registratie(
    client: httpx.AsyncClient, database: Database, dienst: Headers
) -> None:
    async with database.transaction() as s:
        vestiging = await s.get(Vestiging, ("99AC", "02"))
        assert vestiging is not None
        vestiging.eigen_omgeving = False
    body = (await client.post("/v1/uitwisselcontroles", json=controle("99AC02", RIJNMOND), headers=dienst)).json()
    assert [o["code"] for o in body["ontbrekend"]] == ["SCHOOL_NIET_GEREGISTREERD_BIJ_SWV"]
