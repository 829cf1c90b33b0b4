"""The gateway client: typed answers, the aanleverpunt JWT as bearer, and which failures are worth retrying."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import jwt
import pytest
import respx

from oso_dev.demo.world import SWV_RIJNMOND
from oso_dev.testing import RESPX_AIOHTTP
from oso_shared.contracts.notificatie import TerugkoppelingIn
from oso_shared.http import ServiceUnavailable, UnexpectedStatus
from swv_receiver.clients.gateway import GatewayClient
from swv_receiver.dossiercontrole import DossierOngeldig
from swv_receiver.settings import Settings
from swv_receiver.sleutels import AanleverpuntOndertekenaar, Sleutelbos

OPHAAL_URL = "http://gateway.test/v1/ophalen"
TERUGKOPPEL_URL = "http://gateway.test/v1/terugkoppelingen"
SLEUTEL = "k" * 32


@pytest.fixture
async def klein(settings: Settings) -> AsyncIterator[GatewayClient]:
    client = GatewayClient.from_settings(settings.model_copy(update={"max_dossier_bytes": 1000}))
    yield client
    await client.aclose()


@pytest.fixture
def ondertekenaar(settings: Settings) -> AanleverpuntOndertekenaar:
    signer = Sleutelbos(settings.aanleverpunten, settings.jwt_ttl_seconds).get(SWV_RIJNMOND.aanleverpunt_id)
    assert signer is not None
    return signer


def _sub(request: httpx.Request) -> str:
    token = request.headers["authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, SWV_RIJNMOND.public_key_pem, algorithms=["EdDSA"], audience="oso-gateway")
    return str(claims["sub"])


async def test_ophalen_geeft_het_dossier_met_het_jwt_van_het_aanleverpunt(
    klein: GatewayClient, ondertekenaar: AanleverpuntOndertekenaar
) -> None:
    with respx.mock(using=RESPX_AIOHTTP) as gateway:
        route = gateway.post(OPHAAL_URL).mock(return_value=httpx.Response(200, content=b"<dossier/>"))
        assert await klein.ophalen(OPHAAL_URL, SLEUTEL, ondertekenaar) == b"<dossier/>"
    assert _sub(route.calls.last.request) == SWV_RIJNMOND.aanleverpunt_id


async def test_ophalen_stopt_bij_de_grens(klein: GatewayClient, ondertekenaar: AanleverpuntOndertekenaar) -> None:
    with respx.mock(using=RESPX_AIOHTTP) as gateway:
        gateway.post(OPHAAL_URL).mock(return_value=httpx.Response(200, content=b"x" * 1001))
        with pytest.raises(DossierOngeldig) as fout:
            await klein.ophalen(OPHAAL_URL, SLEUTEL, ondertekenaar)
    assert fout.value.code == "DOSSIER_TE_GROOT"


@pytest.mark.parametrize(
    ("antwoord", "soort", "tijdelijk", "code"),
    [
        (
            httpx.Response(403, json={"code": "UITWISSELING_NIET_TOEGESTAAN"}),
            UnexpectedStatus,
            False,
            "UITWISSELING_NIET_TOEGESTAAN",
        ),
        (httpx.Response(410, content=b"geen json"), UnexpectedStatus, False, ""),
        (httpx.Response(429), ServiceUnavailable, True, ""),
        (
            httpx.Response(503, json={"code": "DATABASE_ONBEREIKBAAR"}),
            ServiceUnavailable,
            True,
            "DATABASE_ONBEREIKBAAR",
        ),
    ],
)
async def test_ophalen_fouten_zeggen_of_opnieuw_proberen_helpt(
    klein: GatewayClient,
    ondertekenaar: AanleverpuntOndertekenaar,
    antwoord: httpx.Response,
    soort: type[Exception],
    tijdelijk: bool,
    code: str,
) -> None:
    with respx.mock(using=RESPX_AIOHTTP) as gateway:
        gateway.post(OPHAAL_URL).mock(return_value=antwoord)
        with pytest.raises(soort) as fout:
            await klein.ophalen(OPHAAL_URL, SLEUTEL, ondertekenaar)
    assert isinstance(fout.value, UnexpectedStatus | ServiceUnavailable)
    assert (fout.value.transient, fout.value.code, fout.value.status) == (tijdelijk, code, antwoord.status_code)


async def test_ophalen_zonder_verbinding_is_tijdelijk(
    klein: GatewayClient, ondertekenaar: AanleverpuntOndertekenaar
) -> None:
    with respx.mock(using=RESPX_AIOHTTP) as gateway:
        gateway.post(OPHAAL_URL).mock(side_effect=httpx.ConnectError("weg"))
        with pytest.raises(ServiceUnavailable) as fout:
            await klein.ophalen(OPHAAL_URL, SLEUTEL, ondertekenaar)
    assert fout.value.transient


async def test_terugkoppelen_geeft_het_ontvangstbewijs(
    klein: GatewayClient, ondertekenaar: AanleverpuntOndertekenaar
) -> None:
    bewijs = {"terugkoppeling_id": str(uuid.uuid4()), "status": "toegekend", "ontvangen_op": "2026-12-01T12:00:00Z"}
    inhoud = TerugkoppelingIn(koppelsleutel=SLEUTEL, status="toegekend", bericht="TLV afgegeven.")
    with respx.mock(using=RESPX_AIOHTTP) as gateway:
        route = gateway.post(TERUGKOPPEL_URL).mock(return_value=httpx.Response(201, json=bewijs))
        ontvangen = await klein.terugkoppelen(TERUGKOPPEL_URL, ondertekenaar, "sleutel-1", inhoud)
    assert str(ontvangen.terugkoppeling_id) == bewijs["terugkoppeling_id"]
    verzoek = route.calls.last.request
    assert verzoek.headers["idempotency-key"] == "sleutel-1"
    assert _sub(verzoek) == SWV_RIJNMOND.aanleverpunt_id
