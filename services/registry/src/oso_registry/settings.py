"""Settings of the registry service (env prefix ``REGISTRY_``)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from oso_shared.settings import ServiceSettings


class Settings(ServiceSettings):
    """All configuration of the registry service."""

    model_config = SettingsConfigDict(env_prefix="REGISTRY_", extra="ignore")

    database_name: ClassVar[str] = "oso_registry"
    dienst_identiteit: ClassVar[bool] = True

    port: int = 8001
    # How long the signed decision in an allowed exchange check (``route.besluit``) stays valid.
    besluit_ttl_seconds: int = Field(default=120, ge=10, le=600)
