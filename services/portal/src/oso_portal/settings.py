"""Settings of the portal service (env prefix ``PORTAL_``)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from oso_shared.settings import ServiceSettings


class Settings(ServiceSettings):
    """All configuration of the portal service."""

    model_config = SettingsConfigDict(env_prefix="PORTAL_", extra="ignore")

    database_name: ClassVar[str] = "oso_portal"
    dienst_identiteit: ClassVar[bool] = True

    port: int = 8000
    registry_url: str = Field(default="http://127.0.0.1:8001", description="Base URL of the registry service.")
    dossier_url: str = Field(default="http://127.0.0.1:8002", description="Base URL of the dossier service.")
    # Fail closed: only a development run over plain http (`oso-dev`, the tests) turns this off.
    cookie_secure: bool = Field(
        default=True,
        description="Secure flag on the cookies and the HSTS header; false only for development over plain http.",
    )
    session_hours: int = Field(default=8, description="A session ends this many hours after the last request.")
    session_max_hours: int = Field(
        default=12, description="A session ends this many hours after sign-in, however active (absolute lifetime)."
    )
    backend_token_minutes: int = Field(default=5, description="Lifetime of the bearer token minted per backend call.")
    # Uploads pass through the portal to the dossier service, which enforces the real per-file limit.
    max_upload_bytes: int = Field(default=60 * 1024 * 1024, description="Largest bijlage the portal passes on.")
    login_max_failures: int = Field(default=5, description="Failed sign-ins per account before a pause.")
    login_pause_minutes: int = Field(default=5, description="How long an account pauses after too many failures.")
    login_window_minutes: int = Field(default=15, description="Sliding window of the sign-in rate limits.")
    login_max_per_account: int = Field(
        default=10, description="Unsuccessful sign-ins per account name within the window before refusing unchecked."
    )
    login_max_per_address: int = Field(
        default=30, description="Unsuccessful sign-ins per client address within the window before refusing unchecked."
    )
    client_address_header: str | None = Field(
        default=None,
        description=(
            "Header in which the ingress puts the client address (e.g. X-Forwarded-For; its last entry counts); "
            "unset: the TCP peer."
        ),
    )
