"""Settings of the dossier service (env prefix ``DOSSIER_``)."""

from __future__ import annotations

from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from oso_shared.settings import ServiceSettings


class Settings(ServiceSettings):
    """All configuration of the dossier service."""

    model_config = SettingsConfigDict(env_prefix="DOSSIER_", extra="ignore")

    database_name: ClassVar[str] = "oso_dossier"

    port: int = 8002
