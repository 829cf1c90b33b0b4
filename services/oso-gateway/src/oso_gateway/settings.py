"""Settings of the oso-gateway service (env prefix ``GATEWAY_``)."""

from __future__ import annotations

from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from oso_shared.settings import ServiceSettings


class Settings(ServiceSettings):
    """All configuration of the oso-gateway service."""

    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    database_name: ClassVar[str] = "oso_gateway"
    dienst_identiteit: ClassVar[bool] = True

    port: int = 8003

    # Development only (ignored elsewhere): the demo receiver listens on loopback over plain http.
    swv_loopback_toegestaan: bool = True

    # Peers.
    registry_url: str = "http://127.0.0.1:8001"
    dossier_url: str = "http://127.0.0.1:8002"
    # Base URL the SWV systems use to reach us; the notification carries ``<public_url>/v1/ophalen``.
    public_url: str = "http://127.0.0.1:8003"

    # Intake: our own cap on a delivery (the app-wide body limit is lifted for POST /v1/afleveringen).
    max_dossier_bytes: int = 50 * 1024 * 1024

    # SWV authentication (EdDSA JWT signed by the aanleverpunt's key).
    jwt_audience: str = "oso-gateway"
    jwt_max_lifetime_seconds: int = 300
    jwt_leeway_seconds: int = 10
    public_key_cache_seconds: float = 60.0

    # Fetch: a repeated fetch by the same SWV within this window after the first one is served again (a lost
    # response must not lose the dossier); after it the koppelsleutel counts as spent. 0 = strictly single-use.
    refetch_window_seconds: int = 900
    stream_chunk_bytes: int = 256 * 1024

    # Retention of the dossier content: after the fetch, and at most after creation.
    retention_after_fetch_seconds: int = 7 * 24 * 3600
    retention_max_seconds: int = 30 * 24 * 3600
    purge_interval_seconds: float = 300.0

    # Outbox worker.
    worker_concurrency: int = 8
    worker_max_attempts: int = 10
    worker_base_delay_seconds: float = 1.0
    worker_max_delay_seconds: float = 300.0
    worker_poll_interval_seconds: float = 0.2
    notify_timeout_seconds: float = 10.0
