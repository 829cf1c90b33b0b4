"""Log configuration: one JSON format; chatty client libraries kept to warnings."""

from __future__ import annotations

import logging

import pytest

from oso_shared.logs import configure_logging


@pytest.mark.parametrize(("level", "httpx_level"), [("INFO", logging.WARNING), ("DEBUG", logging.DEBUG)])
def test_httpx_request_lines_are_quiet_unless_debugging(level: str, httpx_level: int) -> None:
    configure_logging(level, json=True, service="test")
    try:
        for name in ("httpx", "httpcore"):
            assert logging.getLogger(name).getEffectiveLevel() == httpx_level
        assert logging.getLogger("httpx").isEnabledFor(logging.WARNING)
    finally:
        configure_logging("INFO", json=False, service="test")
