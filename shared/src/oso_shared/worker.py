"""Worker processes: a stop event wired to SIGTERM/SIGINT, and the entry point that runs one on uvloop."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable, Coroutine, Iterator
from typing import Any

import uvloop

from oso_shared.logs import configure_logging
from oso_shared.process import freeze_startup_heap
from oso_shared.settings import ServiceSettings, fail_closed, refuse_to_start
from oso_shared.tokensleutels import SleutelFout


@contextlib.contextmanager
def stop_on_signals(stop: asyncio.Event | None = None) -> Iterator[asyncio.Event]:
    """An event that SIGTERM or SIGINT sets while the block runs; the handlers are removed afterwards.

    Call from inside the running event loop. Where signal handlers cannot be installed (not the main
    thread, another platform) the event still works when set by the caller.
    """
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
            installed.append(sig)
    try:
        yield stop
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)


def run_worker(settings: ServiceSettings, name: str, main: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Configure logging as ``name`` and run ``main`` to completion on uvloop (refused on an unsafe secret)."""
    configure_logging(settings.log_level, settings.log_json, name)
    fail_closed(settings, name)
    freeze_startup_heap()
    # uvloop, as the uvicorn API processes use: a cheaper event loop for claim loops and HTTP calls.
    try:
        uvloop.run(main())
    except SleutelFout as exc:
        refuse_to_start(name, str(exc))
