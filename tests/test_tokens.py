"""Who may call whom with which token, for every service (issue 14: asymmetric tokens and service identities).

- a token forged with the old shared HS256 secret is refused by every service (the portal takes no bearer at all);
- a token signed with a key of the receiver (its aanleverpunt key, or a key it was given as its own identity)
  is refused by the dossier service, whatever role or kid it claims;
- each internal route takes only the callers its contract names (``deps.py`` of each service).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import jwt
import pytest

from oso_dev.demo.world import aanleverpunt_sleutels
from oso_dev.testing import TokenFor, test_sleutels
from oso_dossier.main import create_app as create_dossier_app
from oso_dossier.settings import Settings as DossierSettings
from oso_shared.auth import Principal, Rol, TokenService
from oso_shared.db import Database
from oso_shared.services import ServiceInfo, discover
from oso_shared.settings import DEV_AUTH_SECRET
from oso_shared.tokensleutels import Verificatiesleutels, jwks_met, laad_privesleutel, nieuwe_sleutel

SERVICES = {s.name: s for s in discover()}
AANLEVERPUNT = "59f952f6-e07e-5962-97d7-2a6d9ee87d66"
CONTROLE = {
    "dienst": "OSO-SWV",
    "bron": {"brin": "99AA", "systeem": "Magister"},
    "doel": {"aanleverpunt": AANLEVERPUNT},
}

# Per service a route behind a bearer check, and the principal that route is for.
BESCHERMD: dict[str, tuple[str, str, Principal]] = {
    "registry": ("POST", "/v1/uitwisselcontroles", Principal.van_dienst("dossier")),
    "dossier": (
        "GET",
        "/v1/leerlingen",
        Principal(sub="z", rol=Rol.ZORGCOORDINATOR, school="99AA", rechten=frozenset({"overdrachtsdossier"})),
    ),
    "oso-gateway": ("POST", "/v1/afleveringen", Principal.van_dienst("dossier")),
    "swv-receiver": ("GET", "/v1/hulpvragen", Principal(sub="s", rol=Rol.SWV_BEHEERDER, swv="VO2801")),
    "portal": ("GET", "/leerlingen", Principal(sub="z", rol=Rol.ZORGCOORDINATOR, school="99AA")),
}


def _claims(principal: Principal, aud: str, **extra: Any) -> dict[str, Any]:
    now = dt.datetime.now(dt.UTC)
    return {
        **principal.claims(),
        "iss": "oso-exchange",
        "aud": aud,
        "iat": now,
        "exp": now + dt.timedelta(minutes=5),
        **extra,
    }


async def _call(client: httpx.AsyncClient, method: str, path: str, token: str) -> httpx.Response:
    body = CONTROLE if path == "/v1/uitwisselcontroles" else None
    return await client.request(method, path, headers={"authorization": f"Bearer {token}"}, json=body)


@pytest.mark.parametrize("oso_service", [SERVICES[n] for n in BESCHERMD], ids=list(BESCHERMD))
async def test_a_forged_hs256_token_is_refused_everywhere(oso_service: ServiceInfo, client: httpx.AsyncClient) -> None:
    method, path, principal = BESCHERMD[oso_service.name]
    kid = next(k["kid"] for k in test_sleutels().jwks["keys"] if k["kid"].startswith("portal:"))
    forged = [
        # What issue 14 describes: the published development secret, the old issuer and audience.
        jwt.encode(_claims(principal, "oso-exchange"), DEV_AUTH_SECRET, algorithm="HS256"),
        # The same, dressed up as the new tokens (our audience, a real kid, issuer portal).
        jwt.encode(
            _claims(principal, oso_service.name, iss="portal"), DEV_AUTH_SECRET, algorithm="HS256", headers={"kid": kid}
        ),
    ]
    for token in forged:
        response = await _call(client, method, path, token)
        if oso_service.name == "portal":
            # The portal knows its users by session only: a bearer token gets the sign-in page, never data.
            assert response.status_code == 303
            assert response.headers["location"].startswith("/aanmelden")
        else:
            assert response.status_code == 401, response.text
            assert response.json()["code"] == "TOKEN_ONGELDIG"
    if oso_service.name != "portal":  # and the same request with a real token gets past authentication
        echt = TokenFor(test_sleutels(), oso_service.name)
        header = echt(principal.rol, dienst=principal.dienst, school=principal.school, swv=principal.swv)
        response = await _call(client, method, path, header["authorization"].removeprefix("Bearer "))
        assert response.status_code not in (401, 403), response.text


@pytest.fixture
async def dossier_met_ontvangersleutel(
    database: Database,
) -> AsyncIterator[tuple[httpx.AsyncClient, str, str]]:
    """The dossier app on a JWKS that (wrongly) also holds a key given to the receiver as its own identity."""
    pem, jwk = nieuwe_sleutel("swv-receiver")
    jwks = jwks_met(test_sleutels().jwks, [jwk])
    settings = DossierSettings(log_json=False).model_copy(update={"verificatie_sleutels": json.dumps(jwks)})
    app = create_dossier_app(settings, database=database)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        assert app.state.tokens.sleutels.get(jwk["kid"]) is not None
        yield client, pem, jwk["kid"]


@pytest.mark.parametrize("oso_service", [SERVICES["dossier"]], ids=["dossier"])
async def test_a_token_signed_by_the_receivers_keys_is_refused_by_dossier(
    dossier_met_ontvangersleutel: tuple[httpx.AsyncClient, str, str],
) -> None:
    client, receiver_pem, receiver_kid = dossier_met_ontvangersleutel
    _, _, zorg = BESCHERMD["dossier"]
    receiver = TokenService(
        "swv-receiver", Verificatiesleutels(jwks_met(test_sleutels().jwks, [])), None
    )  # the receiver verifies, and signs no school-side token
    with pytest.raises(Exception, match="geen tokensleutel"):
        receiver.issue(Principal.van_dienst("swv-receiver"), audience="dossier")

    eigen_key = laad_privesleutel(receiver_pem)
    portal_kid = next(k["kid"] for k in test_sleutels().jwks["keys"] if k["kid"].startswith("portal:"))
    aanleverpunt_key = laad_privesleutel(aanleverpunt_sleutels()[0]["private_key_pem"])
    pogingen = [
        # Its own identity key, claiming a zorgcoördinator (user tokens come only from the portal).
        (eigen_key, receiver_kid, _claims(zorg, "dossier", iss="swv-receiver")),
        # ... or claiming to be the portal (the kid says whose key it is; the signature does not match the portal's).
        (eigen_key, portal_kid, _claims(zorg, "dossier", iss="portal")),
        # Its aanleverpunt key (what the gateway trusts it with), in every disguise.
        (aanleverpunt_key, portal_kid, _claims(zorg, "dossier", iss="portal")),
        (aanleverpunt_key, AANLEVERPUNT, _claims(zorg, "dossier", iss=AANLEVERPUNT)),
    ]
    for key, kid, claims in pogingen:
        token = jwt.encode(claims, key, algorithm="EdDSA", headers={"kid": kid})
        response = await client.get("/v1/leerlingen", headers={"authorization": f"Bearer {token}"})
        assert (response.status_code, response.json()["code"]) == (401, "TOKEN_ONGELDIG")

    # As a dienst it is only itself, and no dossier route names the receiver.
    dienst = jwt.encode(
        _claims(Principal.van_dienst("swv-receiver"), "dossier", iss="swv-receiver"),
        eigen_key,
        algorithm="EdDSA",
        headers={"kid": receiver_kid},
    )
    response = await client.post(
        "/v1/intern/gebeurtenisbundels", json={"gebeurtenissen": []}, headers={"authorization": f"Bearer {dienst}"}
    )
    assert response.status_code == 403


# (service, method, path, json body): callers named in contracts.md get past the check, every other one gets 403.
AANROEPERS: list[tuple[str, str, str, dict[str, Any] | None, set[str], set[Rol]]] = [
    ("dossier", "POST", "/v1/intern/gebeurtenisbundels", {"gebeurtenissen": []}, {"oso-gateway"}, set()),
    ("oso-gateway", "POST", "/v1/afleveringen", None, {"dossier"}, set()),
    (
        "registry",
        "POST",
        "/v1/uitwisselcontroles",
        CONTROLE,
        {"dossier", "oso-gateway"},
        {Rol.ZORGCOORDINATOR, Rol.SCHOOLBEHEERDER},
    ),
    ("registry", "GET", f"/v1/aanleverpunten/{uuid.UUID(int=1)}", None, {"oso-gateway"}, set()),
]
DIENSTEN = ("portal", "registry", "dossier", "oso-gateway")
GEBRUIKERS: dict[Rol, dict[str, str]] = {
    Rol.ZORGCOORDINATOR: {"school": "99AA"},
    Rol.SCHOOLBEHEERDER: {"school": "99AA"},
    Rol.BESTUURSBEHEERDER: {"bestuur": "41234"},
    Rol.SWV_BEHEERDER: {"swv": "VO2801"},
}


@pytest.mark.parametrize(
    ("oso_service", "method", "path", "body", "diensten", "rollen"),
    [(SERVICES[s], m, p, b, d, r) for s, m, p, b, d, r in AANROEPERS],
    ids=[f"{s} {m} {p.split('/')[2]}" for s, m, p, *_ in AANROEPERS],
)
async def test_a_service_accepts_only_the_callers_its_contract_names(
    oso_service: ServiceInfo,
    client: httpx.AsyncClient,
    token_for: TokenFor,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    diensten: set[str],
    rollen: set[Rol],
) -> None:
    headers = [(f"dienst:{d}", d in diensten, token_for(Rol.DIENST, dienst=d)) for d in DIENSTEN]
    headers += [
        (
            r.value,
            r in rollen,
            token_for(r, school=scope.get("school"), bestuur=scope.get("bestuur"), swv=scope.get("swv")),
        )
        for r, scope in GEBRUIKERS.items()
    ]
    for wie, toegestaan, header in headers:
        response = await client.request(method, path, headers=header, json=body)
        if toegestaan:
            assert response.status_code not in (401, 403), f"{wie}: {response.text}"
        else:
            assert response.status_code == 403, f"{wie} kwam binnen: {response.status_code}"


@pytest.mark.parametrize("oso_service", [SERVICES["portal"]], ids=["portal"])
async def test_the_portal_publishes_the_public_jwks(client: httpx.AsyncClient) -> None:
    response = await client.get("/.well-known/jwks.json")
    assert response.status_code == 200
    keys = response.json()["keys"]
    assert [k["kid"] for k in keys] == [k["kid"] for k in test_sleutels().jwks["keys"]]
    assert all(k["kty"] == "OKP" and k["alg"] == "EdDSA" and "d" not in k for k in keys)  # public halves only
