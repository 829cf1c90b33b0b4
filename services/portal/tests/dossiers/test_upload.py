"""The bijlage upload under attack: a 600 MB body is refused unread on a wrong CSRF token and cut at the limit."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import httpx
import pytest
import respx

from oso_portal.main import create_app
from oso_portal.settings import Settings
from oso_shared.db import Database

from ..conftest import DOSSIER, Aanmelden
from ..helpers import DOSSIER_ID

GRENS = "oso-test-grens"
MB = 1024 * 1024
UPLOAD = f"/uploads/dossiers/{DOSSIER_ID}/bijlagen"


class Lichaam:
    """A multipart body of ``megabytes`` MB generated while it is read, never held; counts what was taken."""

    def __init__(self, megabytes: int, csrf_veld: str | None = None) -> None:
        self.megabytes = megabytes
        self.csrf_veld = csrf_veld
        self.opgehaald = 0

    async def __call__(self) -> AsyncIterator[bytes]:
        kop = b""
        if self.csrf_veld is not None:
            kop += (
                f'--{GRENS}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{self.csrf_veld}\r\n'
            ).encode()
        kop += (
            f'--{GRENS}\r\nContent-Disposition: form-data; name="bestand"; filename="groot.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        self.opgehaald += 1
        yield kop
        blok = b"\0" * MB
        for _ in range(self.megabytes):
            self.opgehaald += 1
            yield blok
        self.opgehaald += 1
        yield f"\r\n--{GRENS}--\r\n".encode()


KOPPEN = {"content-type": f"multipart/form-data; boundary={GRENS}"}


@pytest.mark.parametrize(
    ("header", "veld", "max_opgehaald"),
    [
        # Refused from the header: not one chunk of the body is read.
        ("vervalst", None, 0),
        # A form without JavaScript: the token is the field before the file, checked before the file is read.
        (None, "vervalst", 2),
        # No token at all: refused at the start of the file.
        (None, None, 2),
    ],
    ids=["header", "veld", "geen"],
)
async def test_600_mb_met_verkeerd_csrf_token_wordt_ongelezen_geweigerd(
    client: httpx.AsyncClient,
    aanmelden: Aanmelden,
    backends: respx.MockRouter,
    header: str | None,
    veld: str | None,
    max_opgehaald: int,
) -> None:
    upload = backends.post(f"{DOSSIER}/v1/dossiers/{DOSSIER_ID}/bijlagen").respond(201, json={"id": "b"})
    await aanmelden()
    lichaam = Lichaam(600, csrf_veld=veld)
    koppen = {**KOPPEN, **({"x-csrf-token": header} if header is not None else {})}
    begin = time.monotonic()
    response = await client.post(UPLOAD, content=lichaam(), headers=koppen)
    assert response.status_code == 403
    assert "Formulier verlopen" in response.text
    assert lichaam.opgehaald <= max_opgehaald
    assert time.monotonic() - begin < 5
    assert not upload.called


async def test_stroom_boven_de_limiet_wordt_afgebroken_zonder_buffer(
    settings: Settings, database: Database, aanmelden: Aanmelden, client: httpx.AsyncClient, backends: respx.MockRouter
) -> None:
    backends.post(f"{DOSSIER}/v1/dossiers/{DOSSIER_ID}/bijlagen").respond(201, json={"id": "b"})
    csrf = await aanmelden()
    klein = create_app(settings.model_copy(update={"max_upload_bytes": 3 * MB}), database=database)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=klein), base_url="http://test", cookies=client.cookies
    ) as browser:
        for htmx in (False, True):
            lichaam = Lichaam(600)
            koppen = {**KOPPEN, "x-csrf-token": csrf, **({"hx-request": "true"} if htmx else {})}
            response = await browser.post(UPLOAD, content=lichaam(), headers=koppen)
            assert response.status_code == 413
            # Cut just past the limit: a few MB read of 600, never the whole body.
            assert lichaam.opgehaald <= 6
            if htmx:
                assert response.headers["hx-redirect"] == f"/dossiers/{DOSSIER_ID}/bijlagen"
            else:
                assert "Bestand te groot" in response.text
