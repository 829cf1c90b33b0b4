"""Settings of the oso-gateway service (env prefix ``GATEWAY_``)."""

from __future__ import annotations

from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from oso_shared.settings import ServiceSettings


class Settings(ServiceSettings):
    """All configuration of the oso-gateway service."""

    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    database_name: ClassVar[str] = "oso_gateway"

    port: int = 8003
