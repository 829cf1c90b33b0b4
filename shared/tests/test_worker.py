"""Worker processes stop on SIGTERM/SIGINT, and the handlers do not outlive the block."""

from __future__ import annotations

import asyncio
import os
import signal

from oso_shared.worker import stop_on_signals


async def test_sigterm_sets_the_stop_event_and_handlers_are_removed_afterwards() -> None:
    loop = asyncio.get_running_loop()
    with stop_on_signals() as stop:
        os.kill(os.getpid(), signal.SIGTERM)
        await asyncio.wait_for(stop.wait(), timeout=5)
    assert not loop.remove_signal_handler(signal.SIGTERM)
    assert not loop.remove_signal_handler(signal.SIGINT)


async def test_a_given_event_is_used_and_can_be_set_by_the_caller() -> None:
    given = asyncio.Event()
    with stop_on_signals(given) as stop:
        assert stop is given
        given.set()
        await asyncio.wait_for(stop.wait(), timeout=5)
