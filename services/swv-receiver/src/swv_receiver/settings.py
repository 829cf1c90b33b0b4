"""Settings of the swv-receiver service (env prefix ``RECEIVER_``)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import SettingsConfigDict

from oso_shared.settings import GEHEIM, ServiceSettings


class AanleverpuntSleutel(BaseModel):
    """One aanleverpunt this SWV system serves, with the private key it signs its gateway requests with."""

    id: str
    nummer: str
    swv_code: str
    private_key_pem: SecretStr


class Settings(ServiceSettings):
    """All configuration of the swv-receiver service."""

    model_config = SettingsConfigDict(env_prefix="RECEIVER_", extra="ignore")

    database_name: ClassVar[str] = "swv_receiver"

    port: int = 8004
    # Bijlagen arrive through the API; notifications are tiny.
    max_body_bytes: int = 12 * 1024 * 1024

    # Required, no default: every SWV system holds its own keys (the demo's are set by the dev tools).
    aanleverpunten: list[AanleverpuntSleutel] = Field(
        description="JSON list of {id, nummer, swv_code, private_key_pem}: the aanleverpunten served here.",
        json_schema_extra=GEHEIM,
    )
    gateway_url: str = Field(
        default="http://127.0.0.1:8003",
        description="Base URL of the trusted oso-gateway; a notification's ophaal_url must lie under it.",
    )
    jwt_ttl_seconds: int = Field(default=120, ge=10, le=300)
    ophaal_timeout_seconds: float = 30.0
    max_dossier_bytes: int = 20 * 1024 * 1024
    max_bijlage_bytes: int = 10 * 1024 * 1024
    volledige_validatie: bool = Field(
        default=False, description="Also run the dossier service's full validation (XSD + rules) when installed."
    )

    worker_concurrency: int = 8
    worker_max_attempts: int = 10
    worker_base_delay: float = 0.5
    worker_max_delay: float = 60.0
    # Idle claim loops poll; every poll is a transaction, so not too often (a new row waits at most this long).
    worker_poll_interval: float = 0.25
