"""The whole chain as real processes on loopback: registry, dossier, oso-gateway and swv-receiver (+ workers).

Used by the e2e, fault and browser tests (``tests/``) and by ``bench/e2e.py``; the drivers that play school and
SWV against it live in ``tests/e2e/keten.py``. Each run gets fresh databases named
``<TEST_DATABASE_PREFIX>_e2e<n>_<service database>`` on the test server (or any server URL passed in), runs every
service's migrations and demo loader, points the registry's demo aanleverpunten at this run's receiver, and
wires the services together through their settings' environment variables:

- shared: ``OSO_AUTH_SECRET`` (random per run), ``OSO_OMGEVING=ontwikkeling`` and the run's token keys (fresh per
  run, :mod:`oso_dev.sleutels`): ``OSO_VERIFICATIE_SLEUTELS`` (JWKS) and each signer's ``<PREFIX>TOKEN_SLEUTEL`` (the
  receiver has none); ``DATABASE_URL`` is removed so nothing leaks in.
- registry: ``REGISTRY_DATABASE_URL``, ``REGISTRY_PORT``.
- dossier: ``DOSSIER_DATABASE_URL``, ``DOSSIER_PORT``, ``DOSSIER_REGISTRY_URL``, ``DOSSIER_GATEWAY_URL``.
- oso-gateway: ``GATEWAY_DATABASE_URL``, ``GATEWAY_PORT``, ``GATEWAY_REGISTRY_URL``, ``GATEWAY_DOSSIER_URL``,
  ``GATEWAY_PUBLIC_URL``.
- swv-receiver: ``RECEIVER_DATABASE_URL``, ``RECEIVER_PORT``, ``RECEIVER_GATEWAY_URL`` and the demo world's
  ``RECEIVER_AANLEVERPUNTEN`` (the receiver has no default keys).
- every service: ``<PREFIX>DB_POOL_SIZE`` / ``<PREFIX>DB_MAX_OVERFLOW`` kept small (shared servers allow 100
  connections); tests add e.g. ``GATEWAY_WORKER_*`` / ``RECEIVER_WORKER_*`` for a short backoff.

Output of every process goes to ``<werkmap>/logs/<name>.log`` (kept when a test fails).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import httpx

from oso_dev.demo import loaders
from oso_dev.demo.world import receiver_env
from oso_dev.pg import recreate_database
from oso_dev.settings import TestSettings
from oso_dev.sleutels import Sleutelset
from oso_dev.testing import TokenFor
from oso_shared.auth import Rol
from oso_shared.migrations import upgrade
from oso_shared.services import ServiceInfo, discover
from oso_shared.settings import ONTWIKKELING, with_database

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
        self.popen = subprocess.Popen(  # noqa: S603 - our own interpreter and module
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
        self.sleutels = Sleutelset.nieuw()
        self.token_for = TokenFor(self.sleutels, tuple(DIENSTEN))
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
                **self.sleutels.env(),
                # Development keys and secrets, http to the loopback receiver: allowed in development only.
                "OSO_OMGEVING": ONTWIKKELING,
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
                **receiver_env(),
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
            elif dienst.info.name in loaders():
                await loaders()[dienst.info.name](dienst.database_url)

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
                await flows.importeer(session, ACTOR, gegevens, ontwikkeling=True)
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
        """Authorization headers for a principal of this run, valid at every service of the chain.

        A user token is signed with the run's portal key; a ``dienst`` token with the key of ``dienst=``.
        """
        return self.token_for(rol, sub=f"{rol.value}:e2e", **scope)

    def admin(self, *args: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
        """Run ``oso-admin`` with the chain's environment (e.g. ``afleveringen opnieuw``)."""
        oso_admin = Path(sys.executable).parent / "oso-admin"
        return subprocess.run(  # noqa: S603 - our own oso-admin
            [str(oso_admin), *args], env=self.env(), capture_output=True, text=True, timeout=timeout, check=False
        )
