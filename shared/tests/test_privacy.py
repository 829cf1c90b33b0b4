"""Privacy of errors: no statement parameter or exception text in a log line, input errors answered as 422."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import AsyncIterator
from typing import Literal

import httpx
import pytest
from fastapi import APIRouter
from lxml import etree
from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from oso_dev.testing import worker_database_url
from oso_shared.app import create_app
from oso_shared.db import Database, SessionDep
from oso_shared.logs import scrub_exceptions
from oso_shared.settings import ServiceSettings
from oso_shared.tekst import XmlTekst, eerste_onjuist_teken, onbeschermde_tekstvelden

MARKER = "ZZMARKERZZ"
router = APIRouter(prefix="/v1")


class Naam(BaseModel):
    achternaam: XmlTekst = Field(max_length=50)
    tussen: list[XmlTekst] = Field(default_factory=list)


@router.post("/naam")
async def naam(body: Naam) -> Naam:
    return body


@router.get("/nul")
async def nul(session: SessionDep) -> None:
    await session.execute(text("SELECT CAST(:x AS text)"), {"x": f"de Vries\x00{MARKER}"})


@router.get("/bereik")
async def bereik(session: SessionDep) -> None:
    await session.execute(text("SELECT CAST(:x AS smallint)"), {"x": f"9999999{len(MARKER)}"})


@router.get("/xml")
async def xml() -> None:
    etree.fromstring(f"<leerling>{MARKER}</leerlin>".encode())


@router.get("/kapot")
async def kapot() -> None:
    raise RuntimeError(f"boom {MARKER}")


@pytest.fixture
async def database(worker_id: str, shared_engine: AsyncEngine) -> AsyncIterator[Database]:
    # Its own engine through oso_shared.db (the shared fixture's engine is made without it).
    db = Database(worker_database_url("shared", worker_id))
    yield db
    await db.dispose()


@pytest.fixture
def stderr(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """What the app logs: structlog and logging write to the sys.stderr of the moment create_app configures them."""
    buffer = io.StringIO()
    monkeypatch.setattr(sys, "stderr", buffer)
    return buffer


@pytest.fixture
async def client(stderr: io.StringIO, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    settings = ServiceSettings(log_json=True)
    app = create_app(title="t", service="t", settings=settings, routers=[router], database=database)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        yield client


def test_every_engine_hides_parameters(database: Database) -> None:
    assert database.engine.sync_engine.hide_parameters is True


@pytest.mark.parametrize("path", ["/v1/nul", "/v1/bereik"])
async def test_database_error_from_input_is_422_without_its_text(
    client: httpx.AsyncClient, path: str, stderr: io.StringIO
) -> None:
    response = await client.get(path)
    logs = stderr.getvalue()
    assert response.status_code == 422, (logs, response.text)
    assert response.json()["code"] == "ONGELDIGE_GEGEVENS"
    assert "input_refused" in logs
    assert MARKER not in logs
    assert MARKER not in response.text
    assert "9999999" not in logs


async def test_lxml_error_is_422(client: httpx.AsyncClient, stderr: io.StringIO) -> None:
    response = await client.get("/v1/xml")
    assert (response.status_code, response.json()["code"]) == (422, "XML_ONGELDIG")
    assert MARKER not in response.text + stderr.getvalue()


async def test_unexpected_error_logs_class_frames_and_reference_not_message(
    client: httpx.AsyncClient, stderr: io.StringIO
) -> None:
    response = await client.get("/v1/kapot")
    assert response.status_code == 500
    ref = response.json()["fout_ref"]
    lines = [json.loads(line) for line in stderr.getvalue().splitlines() if line.startswith("{")]
    [fout] = [line for line in lines if line["event"] == "unexpected_error"]
    assert fout["fout_ref"] == ref
    assert "builtins.RuntimeError" in fout["exception"]
    assert "in kapot" in fout["exception"]
    assert not any(MARKER in json.dumps(line) for line in lines)


@pytest.mark.parametrize(
    ("body", "veld"),
    [
        ({"achternaam": f"Jansen\x00{MARKER}"}, "achternaam"),
        ({"achternaam": "Jansen", "tussen": ["van", f"{MARKER}\x1b"]}, "tussen.1"),
        ({"achternaam": f"{MARKER}\ufffe"}, "achternaam"),
    ],
)
async def test_text_xml_cannot_carry_is_refused_naming_the_field(
    client: httpx.AsyncClient, body: dict[str, object], veld: str
) -> None:
    response = await client.post("/v1/naam", json=body)
    assert response.status_code == 422
    [fout] = response.json()["fouten"]
    assert (fout["veld"], fout["type"]) == (veld, "xml_teken")
    assert MARKER not in response.text


def test_xml_characters_allowed_and_refused() -> None:
    assert eerste_onjuist_teken("Zoë\tde\nVries\r 😀 \ud7ff\ue000") is None
    for teken in ("\x00", "\x01", "\x0b", "\x1f", "\ud800", "\udfff", "\ufffe", "\uffff"):
        assert eerste_onjuist_teken(f"ab{teken}") == 2


def test_scrub_processor_keeps_class_drops_message() -> None:
    try:
        raise ValueError(MARKER)
    except ValueError as exc:
        event = scrub_exceptions(None, "error", {"event": "x", "exc_info": exc})
    assert "exc_info" not in event
    assert event["error_type"] == "ValueError"
    assert event["fout_ref"]
    assert MARKER not in json.dumps(event)


def test_walker_finds_unprotected_text_fields() -> None:
    class Binnen(BaseModel):
        vrij: str
        keuze: Literal["a", "b"]

    class Buiten(BaseModel):
        goed: XmlTekst | None = None
        lijst: list[XmlTekst] = Field(default_factory=list)
        fout: list[str] = Field(default_factory=list)
        binnen: Binnen | None = None

    assert onbeschermde_tekstvelden(Naam) == []
    assert onbeschermde_tekstvelden(Buiten) == ["fout", "binnen.vrij"]
