"""Settings of the portal service (env prefix ``PORTAL_``)."""

from __future__ import annotations

from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from oso_shared.settings import ServiceSettings


class Settings(ServiceSettings):
    """All configuration of the portal service."""

    model_config = SettingsConfigDict(env_prefix="PORTAL_", extra="ignore")

    database_name: ClassVar[str] = "oso_portal"

    port: int = 8000
