"""How end-to-end tests start the gateway and its worker as real processes, and sign SWV tokens.

Usage (e.g. in ``tests/e2e``)::

    env = gateway_env(database_url="postgresql://postgres@127.0.0.1:5432/e2e_gateway",
                      registry_url="http://127.0.0.1:8001", dossier_url="http://127.0.0.1:8002")
    upgrade("oso_gateway", env["GATEWAY_DATABASE_URL"])      # oso_shared.migrations, before starting
    api, worker = start_gateway(env)                         # python -m oso_gateway and its worker
    ...
    stop(worker); stop(api)                                  # SIGTERM, then SIGKILL after a grace period

``worker`` can be SIGKILLed and started again with ``start_worker(env)`` (fault tests). Useful overrides via
``extra``: ``GATEWAY_WORKER_MAX_ATTEMPTS``, ``GATEWAY_WORKER_BASE_DELAY_SECONDS``, ``GATEWAY_WORKER_MAX_DELAY_SECONDS``
(dead letters sooner), ``GATEWAY_NOTIFY_TIMEOUT_SECONDS`` (hanging receiver), ``GATEWAY_REFETCH_WINDOW_SECONDS``.
Admin retry of dead letters: ``oso-admin afleveringen opnieuw --alle`` with ``GATEWAY_DATABASE_URL`` set.
``swv_token`` mints the EdDSA JWT an SWV system presents on ``POST /v1/ophalen`` and ``POST /v1/terugkoppelingen``.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Mapping

import httpx
import jwt

from oso_shared.services import discover
from oso_shared.settings import ONTWIKKELING


def gateway_env(
    *,
    database_url: str,
    registry_url: str,
    dossier_url: str,
    port: int = 8003,
    extra: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Environment for the gateway processes (inherits ours, e.g. ``OSO_AUTH_SECRET``)."""
    env = {
        **os.environ,
        "GATEWAY_DATABASE_URL": database_url,
        "GATEWAY_REGISTRY_URL": registry_url,
        "GATEWAY_DOSSIER_URL": dossier_url,
        "GATEWAY_PORT": str(port),
        "GATEWAY_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "OSO_OMGEVING": ONTWIKKELING,  # development secrets; SWV stubs listen on loopback over http
        "PYTHONUNBUFFERED": "1",
    }
    env.update(extra or {})
    return env


def start_api(env: Mapping[str, str], wait: float = 30.0) -> subprocess.Popen[bytes]:
    """Start ``python -m oso_gateway`` and wait until ``/health/live`` answers."""
    proc = subprocess.Popen([sys.executable, "-m", "oso_gateway"], env=dict(env))
    url = f"http://127.0.0.1:{env.get('GATEWAY_PORT', '8003')}/health/live"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"oso-gateway exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=1.0).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop(proc)
    raise TimeoutError("oso-gateway did not come up")


def start_worker(env: Mapping[str, str]) -> subprocess.Popen[bytes]:
    """Start the gateway's outbox worker (the command its ServiceInfo names)."""
    (worker,) = next(s for s in discover() if s.name == "oso-gateway").workers
    return subprocess.Popen(list(worker), env=dict(env))  # noqa: S603 - our own interpreter and module


def start_gateway(env: Mapping[str, str]) -> tuple[subprocess.Popen[bytes], subprocess.Popen[bytes]]:
    """Start the API (waiting until it is live) and the worker."""
    return start_api(env), start_worker(env)


def stop(proc: subprocess.Popen[bytes], grace: float = 10.0) -> None:
    """SIGTERM, then SIGKILL when it does not exit within ``grace`` seconds."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def swv_token(private_key_pem: str, aanleverpunt_id: str, *, lifetime: dt.timedelta = dt.timedelta(minutes=2)) -> str:
    """A single-use EdDSA JWT for the gateway, signed with the aanleverpunt's private key."""
    now = dt.datetime.now(dt.UTC)
    claims = {
        "iss": aanleverpunt_id,
        "sub": aanleverpunt_id,
        "aud": "oso-gateway",
        "iat": now,
        "exp": now + lifetime,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, private_key_pem, algorithm="EdDSA")
