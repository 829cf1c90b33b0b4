"""Settings of the swv-receiver service (env prefix ``RECEIVER_``)."""

from __future__ import annotations

from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from oso_shared.settings import ServiceSettings


class Settings(ServiceSettings):
    """All configuration of the swv-receiver service."""

    model_config = SettingsConfigDict(env_prefix="RECEIVER_", extra="ignore")

    database_name: ClassVar[str] = "swv_receiver"

    port: int = 8004
