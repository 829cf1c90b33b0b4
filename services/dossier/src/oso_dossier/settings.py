"""Settings of the dossier service (env prefix ``DOSSIER_``)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import SettingsConfigDict

from oso_shared.settings import GEHEIM, ServiceSettings


class Settings(ServiceSettings):
    """All configuration of the dossier service."""

    model_config = SettingsConfigDict(env_prefix="DOSSIER_", extra="ignore")

    database_name: ClassVar[str] = "oso_dossier"

    port: int = 8002
    # OSO validation (issue 4): folder with OSO_gegevensset.xsd; None = look for ../shared/oso next to the repo.
    oso_schema_dir: Path | None = Field(
        default=None, validation_alias=AliasChoices("DOSSIER_OSO_SCHEMA_DIR", "OSO_SCHEMA_DIR")
    )
    # POST /v1/validaties has its own (larger) streaming body cap: dossiers carry base64 bijlagen.
    validatie_max_body_bytes: int = 64 * 1024 * 1024

    # --- dossier lifecycle (dos) ---
    registry_url: str = "http://127.0.0.1:8001"
    gateway_url: str = "http://127.0.0.1:8003"
    registry_timeout_seconds: float = 5.0
    registry_attempts: int = 3
    # Fernet key (urlsafe base64 of 32 bytes) for BSN/onderwijsnummer at rest; development default only.
    pgn_sleutel: SecretStr = Field(
        default=SecretStr("ZGV2LW9ubHktcGduLXNsZXV0ZWwtMDEyMzQ1Njc4OWE="), json_schema_extra=GEHEIM
    )
    # Together the bijlagen stay below the validator's 64 MiB dossier cap once Base64-encoded (4/3) in the XML.
    bijlage_max_bytes: int = 20 * 1024 * 1024
    bijlagen_per_dossier_max_bytes: int = 40 * 1024 * 1024
    bewaartermijn_dagen: int = 730
    pakketnaam: str = "OSO Uitwisseling"
    pakketversie: str = "0.1.0"
    outbox_max_attempts: int = 10
