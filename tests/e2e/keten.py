"""Drivers of the end-to-end tests: the school and SWV sides of the chain, fault proxy, counts and waits.

The chain itself (processes, databases, wiring) is :class:`oso_dev.keten.Keten`.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn
from starlette.types import Receive, Scope, Send

from oso_dev.keten import HOST, Keten, vrije_poort
from oso_shared.auth import Rol


async def wacht_tot(
    voorwaarde: Callable[[], Awaitable[bool]], *, timeout: float, interval: float = 0.2, wat: str = "voorwaarde"
) -> None:
    """Poll ``voorwaarde`` until true; TimeoutError with ``wat`` otherwise (bounds every e2e wait)."""
    einde = time.monotonic() + timeout
    while not await voorwaarde():
        if time.monotonic() > einde:
            raise TimeoutError(f"{wat} niet bereikt binnen {timeout}s")
        await asyncio.sleep(interval)


class Schoolkant:
    """Drives the dossier service over HTTP as a zorgcoördinator of one school."""

    def __init__(self, keten: Keten, http: httpx.AsyncClient, brin: str) -> None:
        self.keten = keten
        self.http = http
        self.brin = brin
        self.basis = f"{keten.url('dossier')}/v1"
        self.headers = keten.token(Rol.ZORGCOORDINATOR, school=brin)
        self._sjabloon: dict[str, Any] | None = None

    async def _template(self) -> dict[str, Any]:
        # The gegevens of a demo leerling of 99AA: realistic enough to pass validation, copied per new leerling.
        if self._sjabloon is None:
            headers = self.keten.token(Rol.ZORGCOORDINATOR, school="99AA")
            lijst = (await self.http.get(f"{self.basis}/leerlingen", headers=headers)).json()
            detail = await self.http.get(f"{self.basis}/leerlingen/{lijst[0]['id']}", headers=headers)
            detail.raise_for_status()
            self._sjabloon = detail.json()["gegevens"]
        return dict(self._sjabloon)

    async def nieuwe_leerling(self, achternaam: str, vestigingscode: str = "00") -> str:
        """Create a leerling (a copy of a demo pupil with its own achternaam); returns its id."""
        gegevens = await self._template()
        gegevens["achternaam"] = achternaam
        body = {"vestigingscode": vestigingscode, "leerlingnummer": f"e2e-{achternaam}", "gegevens": gegevens}
        response = await self.http.post(f"{self.basis}/leerlingen", json=body, headers=self.headers)
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    async def nieuw_dossier(self, leerling_id: str, aanleverpunt_id: str, vestigingscode: str = "00") -> str:
        """Create a concept VO-SWV dossier; returns its id."""
        body = {"leerling_id": leerling_id, "vestigingscode": vestigingscode, "aanleverpunt_id": aanleverpunt_id}
        response = await self.http.post(f"{self.basis}/dossiers", json=body, headers=self.headers)
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    async def bijlage(self, dossier_id: str, naam: str, inhoud: bytes) -> None:
        """Upload a bijlage to a concept dossier."""
        headers = {**self.headers, "Content-Disposition": f"attachment; filename*=UTF-8''{naam}"}
        response = await self.http.post(f"{self.basis}/dossiers/{dossier_id}/bijlagen", content=inhoud, headers=headers)
        assert response.status_code == 201, response.text

    async def actie(self, dossier_id: str, actie: str) -> httpx.Response:
        """POST one action (voltooien, valideren, opvraagbaar-maken, ...)."""
        return await self.http.post(f"{self.basis}/dossiers/{dossier_id}/{actie}", headers=self.headers)

    async def gereed_voor_verzending(self, dossier_id: str) -> None:
        """Voltooien and valideren; asserts the dossier is valid."""
        for actie in ("voltooien", "valideren"):
            response = await self.actie(dossier_id, actie)
            assert response.status_code == 200, response.text
        assert response.json()["status"] == "gevalideerd", response.text

    async def dossier(self, dossier_id: str, pogingen: int = 20) -> dict[str, Any]:
        """The dossier as the school sees it; an observer, so it rides out a service restarting under it."""
        for poging in range(pogingen):
            try:
                response = await self.http.get(f"{self.basis}/dossiers/{dossier_id}", headers=self.headers)
                if response.status_code < 500 or poging == pogingen - 1:
                    response.raise_for_status()
                    result: dict[str, Any] = response.json()
                    return result
            except httpx.TransportError:
                if poging == pogingen - 1:
                    raise
            await asyncio.sleep(0.5)
        raise AssertionError("unreachable")


class Swvkant:
    """Drives the receiver over HTTP as the swv-beheerder of one SWV."""

    def __init__(self, keten: Keten, http: httpx.AsyncClient, swv_code: str) -> None:
        self.http = http
        self.basis = f"{keten.url('swv-receiver')}/v1"
        self.headers = keten.token(Rol.SWV_BEHEERDER, swv=swv_code)

    async def pagina(self, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
        """One page of this SWV's hulpvragen (newest first) and the total count."""
        while True:
            params = {"limit": limit, "offset": offset}
            response = await self.http.get(f"{self.basis}/hulpvragen", params=params, headers=self.headers)
            if response.status_code >= 500:  # observer: try the page again
                await asyncio.sleep(0.5)
                continue
            response.raise_for_status()
            return response.json(), int(response.headers["x-total-count"])

    async def hulpvragen(self) -> list[dict[str, Any]]:
        """All hulpvragen of this SWV (pages of 500)."""
        alle: list[dict[str, Any]] = []
        while True:
            pagina, _ = await self.pagina(500, len(alle))
            alle.extend(pagina)
            if len(pagina) < 500:
                return alle

    async def nieuwe_hulpvragen(self, bekend: set[str]) -> list[dict[str, Any]]:
        """Hulpvragen whose id is not in ``bekend``: the newest pages until a known one shows up.

        For an observer that polls while hulpvragen pour in: reading every hulpvraag on every poll would
        put the observer's own load on the receiver it measures. When the total says something was missed
        (created out of order, further down the list), it reads the whole list once.
        """
        nieuw: list[dict[str, Any]] = []
        offset = 0
        while True:
            pagina, totaal = await self.pagina(100, offset)
            vers = [h for h in pagina if h["id"] not in bekend]
            nieuw.extend(vers)
            if len(vers) < len(pagina) or len(pagina) < 100:
                break
            offset += 100
        if len(bekend) + len(nieuw) < totaal:
            nieuw = [h for h in await self.hulpvragen() if h["id"] not in bekend]
        return nieuw

    async def hulpvraag_van(self, achternaam: str) -> dict[str, Any] | None:
        """The one hulpvraag whose leerling has this achternaam (None if there is none yet)."""
        gevonden = [h for h in await self.hulpvragen() if (h["leerling_naam"] or "").endswith(achternaam)]
        assert len(gevonden) <= 1, f"{len(gevonden)} hulpvragen voor {achternaam}"
        return gevonden[0] if gevonden else None

    async def post(self, pad: str, **kwargs: Any) -> httpx.Response:
        """POST to the receiver API as this SWV."""
        return await self.http.post(f"{self.basis}{pad}", headers=self.headers, **kwargs)


@dataclass(frozen=True)
class Testdossier:
    """A dossier made for a load or fault test; its leerling's achternaam identifies it at the receiver."""

    __test__ = False  # not a pytest test class

    id: str
    achternaam: str


async def parallel(taken: Sequence[Callable[[], Awaitable[Any]]], gelijktijdig: int) -> list[Any]:
    """Run the coroutine factories with at most ``gelijktijdig`` at a time; results in order."""
    sem = asyncio.Semaphore(gelijktijdig)

    async def een(taak: Callable[[], Awaitable[Any]]) -> Any:
        async with sem:
            return await taak()

    return list(await asyncio.gather(*(een(t) for t in taken)))


async def bereid_dossiers(
    school: Schoolkant,
    aantal: int,
    prefix: str,
    aanleverpunt_id: str,
    *,
    bijlage: bytes | None = None,
    gelijktijdig: int = 6,
) -> list[Testdossier]:
    """Create ``aantal`` validated dossiers (each for its own new leerling), optionally with a PDF bijlage."""

    async def een(index: int) -> Testdossier:
        achternaam = f"{prefix}{index:04d}"
        leerling = await school.nieuwe_leerling(achternaam)
        dossier_id = await school.nieuw_dossier(leerling, aanleverpunt_id)
        if bijlage is not None:
            await school.bijlage(dossier_id, "verslag.pdf", bijlage)
        await school.gereed_voor_verzending(dossier_id)
        return Testdossier(dossier_id, achternaam)

    return await parallel([functools.partial(een, i) for i in range(aantal)], gelijktijdig)


async def maak_opvraagbaar(school: Schoolkant, dossier_id: str, *, timeout: float = 120.0) -> None:
    """Opvraagbaar maken, retried through crashes of the dossier service (a repeat after success is a no-op)."""
    einde = time.monotonic() + timeout
    while True:
        try:
            response = await school.actie(dossier_id, "opvraagbaar-maken")
            if response.status_code == 200:
                return
            if response.status_code < 500 and (await school.dossier(dossier_id))["status"] != "gevalideerd":
                return  # an earlier attempt went through before its answer was lost
            assert response.status_code >= 500, response.text
        except httpx.TransportError:
            pass
        if time.monotonic() > einde:
            raise TimeoutError(f"dossier niet opvraagbaar gemaakt binnen {timeout}s")
        await asyncio.sleep(0.3)


@dataclass
class Telling:
    """Outcome of a run: per dossier how many hulpvragen the receiver holds, and the school-side status."""

    per_dossier: dict[str, int]
    status: dict[str, str]

    @property
    def verloren(self) -> int:
        return sum(1 for n in self.per_dossier.values() if n == 0)

    @property
    def dubbel(self) -> int:
        return sum(n - 1 for n in self.per_dossier.values() if n > 1)

    @property
    def niet_opgehaald(self) -> int:
        return sum(1 for s in self.status.values() if s not in ("opgehaald", "teruggekoppeld"))


async def tel(school: Schoolkant, swv: Swvkant, dossiers: Sequence[Testdossier]) -> Telling:
    """Count hulpvragen per dossier (by leerling) and read every dossier's status at the school."""
    hulpvragen = await swv.hulpvragen()
    per_naam: dict[str, int] = {}
    for hulpvraag in hulpvragen:
        achternaam = (hulpvraag["leerling_naam"] or "").rsplit(" ", 1)[-1]
        per_naam[achternaam] = per_naam.get(achternaam, 0) + 1
    per_dossier = {d.id: per_naam.get(d.achternaam, 0) for d in dossiers}

    async def status(d: Testdossier) -> str:
        return str((await school.dossier(d.id))["status"])

    statussen = await parallel([functools.partial(status, d) for d in dossiers], 8)
    return Telling(per_dossier, {d.id: s for d, s in zip(dossiers, statussen, strict=True)})


async def wacht_op_alles(
    school: Schoolkant, swv: Swvkant, dossiers: Sequence[Testdossier], *, timeout: float
) -> Telling:
    """Wait until every dossier is at the receiver and opgehaald at the school (or time runs out); the count."""
    einde = time.monotonic() + timeout
    while True:
        telling = await tel(school, swv, dossiers)
        if (telling.verloren == 0 and telling.niet_opgehaald == 0) or time.monotonic() > einde:
            return telling
        await asyncio.sleep(1.0)


class Storingsproxy:
    """An HTTP proxy before the receiver's notification endpoint that can answer 500 or hang (fault tests).

    ``modus``: ``door`` forwards; ``500`` answers 500 without forwarding; ``hang`` waits ``hang_seconden``
    (longer than the gateway's timeout) and then forwards anyway, so the receiver does get the notification
    while the gateway believes it failed and sends it again. Counts attempts per koppelsleutel (in memory only).
    """

    def __init__(self, doel: str, hang_seconden: float = 1.5) -> None:
        self.doel = doel
        self.hang_seconden = hang_seconden
        self.modus = "door"
        self.poort = vrije_poort()
        self.pogingen: dict[str, int] = {}
        self.doorgestuurd: dict[str, int] = {}
        self.antwoorden: dict[str, int] = {}
        self._server: uvicorn.Server | None = None
        self._taak: asyncio.Task[None] | None = None
        self._client = httpx.AsyncClient(timeout=30.0)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.poort}/v1/notificaties"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert scope["type"] == "http"
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        sleutel = str(httpx.Response(200, content=body).json().get("koppelsleutel"))
        self.pogingen[sleutel] = self.pogingen.get(sleutel, 0) + 1
        modus = self.modus
        self.antwoorden[modus] = self.antwoorden.get(modus, 0) + 1
        status, inhoud = 500, b'{"code": "STORING"}'
        if modus == "hang":
            await asyncio.sleep(self.hang_seconden)
        if modus in ("door", "hang"):
            response = await self._client.post(self.doel, content=body, headers={"content-type": "application/json"})
            self.doorgestuurd[sleutel] = self.doorgestuurd.get(sleutel, 0) + 1
            status, inhoud = response.status_code, response.content
        with contextlib.suppress(Exception):  # the gateway may have hung up already
            await send(
                {"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]}
            )
            await send({"type": "http.response.body", "body": inhoud})

    async def start(self) -> None:
        """Serve on a free loopback port in this event loop."""
        config = uvicorn.Config(self, host=HOST, port=self.poort, log_level="warning", lifespan="off")
        self._server = uvicorn.Server(config)
        self._taak = asyncio.create_task(self._server.serve())
        await wacht_tot(self._gestart, timeout=10, interval=0.05, wat="storingsproxy gestart")

    async def _gestart(self) -> bool:
        return self._server is not None and self._server.started

    async def stop(self) -> None:
        """Stop serving."""
        if self._server is not None and self._taak is not None:
            self._server.should_exit = True
            await self._taak
        await self._client.aclose()
