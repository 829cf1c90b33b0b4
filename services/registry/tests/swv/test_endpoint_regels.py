"""Egress at the source: the registry stores only https endpoints that do not name refused addresses."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from oso_dev.demo import world
from oso_registry.problems import EndpointNietToegestaan
from oso_registry.swv.service import controleer_endpoint
from oso_shared.auth import Rol

Headers = dict[str, str]
UTRECHT = world.SWV_UTRECHT

pytestmark = pytest.mark.usefixtures("demo")


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://swv.example.nl/v1/notificaties",
        "https://127.0.0.1/v1/notificaties",
        "https://10.0.0.1/v1/notificaties",
        "https://169.254.169.254/latest/meta-data",
        "https://[fd00:ec2::254]/",
        "https://localhost/n",
        "https://beheer:geheim@swv.example.nl/n",
    ],
)
def test_buiten_ontwikkeling_geweigerd(endpoint: str) -> None:
    with pytest.raises(EndpointNietToegestaan):
        controleer_endpoint(endpoint, ontwikkeling=False)


def test_https_op_internet_mag() -> None:
    assert controleer_endpoint("https://swv.example.nl/v1/notificaties", ontwikkeling=False)


def test_ontwikkeling_staat_alleen_loopback_over_http_toe() -> None:
    assert controleer_endpoint("http://127.0.0.1:8004/v1/notificaties", ontwikkeling=True)
    for endpoint in ("http://10.0.0.1/n", "http://169.254.169.254/"):
        with pytest.raises(EndpointNietToegestaan):
            controleer_endpoint(endpoint, ontwikkeling=True)


@pytest.mark.parametrize("endpoint", ["http://10.0.0.1/n", "https://169.254.169.254/latest/meta-data"])
async def test_api_weigert_endpoint(client: httpx.AsyncClient, token: Callable[..., Headers], endpoint: str) -> None:
    nieuw = {
        "nummer": "260507500",
        "label": "2605 07500 SWV VO Utrecht",
        "endpoint": endpoint,
        "oin": "00000001823288445007",
        "publieke_sleutel": UTRECHT.public_key_pem,
    }
    swv = token(Rol.SWV_BEHEERDER, swv=UTRECHT.code)
    response = await client.post(f"/v1/swvs/{UTRECHT.code}/aanleverpunten", json=nieuw, headers=swv)
    assert response.status_code == 422
    assert response.json()["code"] == "ENDPOINT_NIET_TOEGESTAAN"
    detail = (await client.get(f"/v1/swvs/{UTRECHT.code}", headers=swv)).json()
    assert [a["nummer"] for a in detail["aanleverpunten"]] == [UTRECHT.aanleverpunt_nummer]
