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
    cookie_secure: bool = Field(
        default=False, description="Set the Secure flag on the session cookie; true behind HTTPS (production)."
    )
    session_hours: int = Field(default=8, description="A session ends this many hours after the last request.")
    backend_token_minutes: int = Field(default=5, description="Lifetime of the bearer token minted per backend call.")
    # Uploads pass through the portal to the dossier service, which enforces the real per-file limit.
    max_upload_bytes: int = Field(default=60 * 1024 * 1024, description="Largest bijlage the portal passes on.")
    login_max_failures: int = Field(default=5, description="Failed sign-ins per account before a pause.")
    login_pause_minutes: int = Field(default=5, description="How long an account pauses after too many failures.")
