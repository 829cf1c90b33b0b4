"""The app factory: problem+json, body limit, request ids, health, metrics and bearer auth."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import APIRouter, Depends
from pydantic import BaseModel
from starlette.types import Receive, Scope, Send

from oso_dev.sleutels import Sleutelset
from oso_dev.testing import test_sleutels
from oso_shared.app import BodyLimitMiddleware, create_app
from oso_shared.auth import Principal, Rol, require_roles
from oso_shared.db import Database
from oso_shared.problems import Conflict
from oso_shared.settings import ServiceSettings

router = APIRouter(prefix="/v1")


class Body(BaseModel):
    naam: str
    aantal: int


@router.post("/echo")
async def echo(body: Body) -> Body:
    return body


@router.get("/conflict")
async def conflict() -> None:
    raise Conflict("Het dossier is al opvraagbaar.", code="DOSSIER_DEFINITIEF", dossier_status="opvraagbaar")


@router.get("/kapot")
async def kapot() -> None:
    raise RuntimeError("boom")


@router.get("/alleen-bestuur")
async def alleen_bestuur(principal: Principal = Depends(require_roles(Rol.BESTUURSBEHEERDER))) -> dict[str, str]:
    return {"bestuur": principal.bestuur or ""}


def _app(database: Database) -> httpx.AsyncClient:
    settings = ServiceSettings(max_body_bytes=1000, log_json=False)
    app = create_app(title="t", service="t", settings=settings, routers=[router], database=database)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, raise_app_exceptions=False), base_url="http://t")


@pytest.fixture
async def client(shared_db: Database) -> AsyncIterator[httpx.AsyncClient]:
    async with _app(shared_db) as client:
        yield client


async def test_domain_error_is_problem_json(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/conflict")
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "DOSSIER_DEFINITIEF"
    assert body["type"].endswith("/dossier-definitief")
    assert body["detail"] == "Het dossier is al opvraagbaar."
    assert body["dossier_status"] == "opvraagbaar"


async def test_validation_error_lists_fields(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/echo", json={"naam": "x", "aantal": "veel"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "VALIDATIEFOUT"
    assert [f["veld"] for f in body["fouten"]] == ["aantal"]


async def test_unknown_route_and_unexpected_error(client: httpx.AsyncClient) -> None:
    missing = await client.get("/v1/bestaat-niet")
    assert (missing.status_code, missing.json()["code"]) == (404, "NIET_GEVONDEN")
    broken = await client.get("/v1/kapot")
    assert broken.status_code == 500
    assert broken.json()["code"] == "INTERNE_FOUT"
    assert "boom" not in broken.text


async def test_body_limit_by_header_and_by_stream(client: httpx.AsyncClient) -> None:
    big = b'{"naam": "' + b"x" * 2000 + b'", "aantal": 1}'
    response = await client.post("/v1/echo", content=big, headers={"content-type": "application/json"})
    assert (response.status_code, response.json()["code"]) == (413, "TE_GROOT")

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(10):
            yield b"x" * 200

    streamed = await client.post("/v1/echo", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413


async def test_request_id_is_returned_and_safe_ids_are_kept(client: httpx.AsyncClient) -> None:
    response = await client.get("/health/live")
    assert len(response.headers["x-request-id"]) == 32
    kept = await client.get("/health/live", headers={"x-request-id": "abc-12345"})
    assert kept.headers["x-request-id"] == "abc-12345"
    replaced = await client.get("/health/live", headers={"x-request-id": "bsn=123456782 naam"})
    assert replaced.headers["x-request-id"] != "bsn=123456782 naam"


async def test_metrics_count_by_route_template(client: httpx.AsyncClient) -> None:
    await client.get("/v1/conflict")
    text = (await client.get("/metrics")).text
    assert 'http_requests_total{method="GET",route="/v1/conflict",status="409"} 1.0' in text


async def test_ready_reports_database_outage() -> None:
    dead = Database("postgresql://postgres@127.0.0.1:1/nope")
    async with _app(dead) as client:
        response = await client.get("/health/ready")
        assert response.status_code == 503
        assert response.json()["database"] == "unavailable"
        assert (await client.get("/health/live")).status_code == 200
    await dead.dispose()


async def test_bearer_auth_roles(client: httpx.AsyncClient) -> None:
    tokens = test_sleutels().tokens("portal")
    bestuur = tokens.issue(Principal(sub="u1", rol=Rol.BESTUURSBEHEERDER, bestuur="41234"), audience="t")
    zorg = tokens.issue(Principal(sub="u2", rol=Rol.ZORGCOORDINATOR, school="99AA"), audience="t")
    expired = tokens.issue(Principal(sub="u3", rol=Rol.BESTUURSBEHEERDER), dt.timedelta(seconds=-5), audience="t")
    other_key = Sleutelset.nieuw().tokens("portal").issue(Principal(sub="u4", rol=Rol.BESTUURSBEHEERDER), audience="t")
    other_audience = tokens.issue(Principal(sub="u5", rol=Rol.BESTUURSBEHEERDER, bestuur="41234"), audience="x")

    ok = await client.get("/v1/alleen-bestuur", headers={"authorization": f"Bearer {bestuur}"})
    assert ok.json() == {"bestuur": "41234"}
    cases = {
        None: (401, "TOKEN_ONTBREEKT"),
        zorg: (403, "ROL_NIET_TOEGESTAAN"),
        expired: (401, "TOKEN_ONGELDIG"),
        other_key: (401, "TOKEN_ONGELDIG"),
        other_audience: (401, "TOKEN_ONGELDIG"),
    }
    for token, (status, code) in cases.items():
        headers = {"authorization": f"Bearer {token}"} if token else {}
        response = await client.get("/v1/alleen-bestuur", headers=headers)
        assert (response.status_code, response.json()["code"]) == (status, code)


async def test_body_limits_per_path_first_match_wins() -> None:
    async def echo(scope: Scope, receive: Receive, send: Send) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": str(len(body)).encode()})

    limited = BodyLimitMiddleware(echo, 100, limits=[(r"^/eigen/", None), (r"^/groot", 1000), (r"^/g", 10)])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=limited), base_url="http://t") as http:
        assert (await http.post("/eigen/x", content=b"x" * 5000)).text == "5000"  # the route limits itself
        assert (await http.post("/groot", content=b"x" * 900)).status_code == 200
        refused = await http.post("/groot", content=b"x" * 1001)
        assert (refused.status_code, refused.json()["detail"]) == (
            413,
            "De aanvraag is groter dan de toegestane 1000 bytes.",
        )
        assert (await http.post("/gewoon", content=b"x" * 11)).status_code == 413
        assert (await http.post("/anders", content=b"x" * 101)).status_code == 413
        assert (await http.post("/anders", content=b"x" * 100)).status_code == 200
