"""Settings of the dossier service (env prefix ``DOSSIER_``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, ClassVar

from cryptography.fernet import Fernet
from pydantic import AliasChoices, BaseModel, BeforeValidator, Field, SecretStr, field_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from oso_shared.settings import ServiceSettings

# The published development key (urlsafe base64 of 32 bytes); refused outside development.
DEV_PGN_SLEUTEL = "ZGV2LW9ubHktcGduLXNsZXV0ZWwtMDEyMzQ1Njc4OWE="


class PgnSleutel(BaseModel):
    """One Fernet key with its id; the id is stored in front of every ciphertext made with the key."""

    id: str = Field(pattern=r"^[A-Za-z0-9._-]{1,32}$")
    sleutel: SecretStr

    @field_validator("sleutel")
    @classmethod
    def _is_fernet_key(cls, value: SecretStr) -> SecretStr:
        try:
            Fernet(value.get_secret_value().encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            raise ValueError("geen Fernet-sleutel (urlsafe base64 van 32 bytes)") from None
        return value


def parse_pgn_sleutels(value: Any) -> Any:
    """``"id2:key2,id1:key1"`` (newest first) to key entries; a bare key (the old single setting) gets id ``1``."""
    if not isinstance(value, str):
        return value
    entries = []
    for entry in (part.strip() for part in value.split(",")):
        if entry:
            # Fernet keys are urlsafe base64: they never contain ":", so the first one separates the id.
            key_id, _, key = entry.rpartition(":")
            entries.append({"id": key_id or "1", "sleutel": key})
    return entries


class Settings(ServiceSettings):
    """All configuration of the dossier service."""

    model_config = SettingsConfigDict(env_prefix="DOSSIER_", extra="ignore")

    database_name: ClassVar[str] = "oso_dossier"
    dienst_identiteit: ClassVar[bool] = True

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
    pgn_sleutels: Annotated[list[PgnSleutel], NoDecode, BeforeValidator(parse_pgn_sleutels)] = Field(
        default=[PgnSleutel(id="ontwikkeling", sleutel=SecretStr(DEV_PGN_SLEUTEL))],
        min_length=1,
        validation_alias=AliasChoices("DOSSIER_PGN_SLEUTELS", "DOSSIER_PGN_SLEUTEL"),
        description=(
            "Fernet keys of BSN/onderwijsnummer at rest, newest first: `id2:key2,id1:key1`. The first encrypts, "
            "all decrypt; `oso-dossier sleutels herversleutelen` moves every value to the first. "
            "DOSSIER_PGN_SLEUTEL (one bare key, id `1`) is still read."
        ),
        json_schema_extra={"geheim": True, "ontwikkelwaarden": [DEV_PGN_SLEUTEL]},
    )

    @field_validator("pgn_sleutels")
    @classmethod
    def _unique_ids(cls, value: list[PgnSleutel]) -> list[PgnSleutel]:
        ids = [sleutel.id for sleutel in value]
        if len(set(ids)) != len(ids):
            raise ValueError("elke sleutel-id mag maar één keer voorkomen")
        return value

    # Together the bijlagen stay below the validator's 64 MiB dossier cap once Base64-encoded (4/3) in the XML.
    bijlage_max_bytes: int = 20 * 1024 * 1024
    bijlagen_per_dossier_max_bytes: int = 40 * 1024 * 1024
    bewaartermijn_dagen: int = 730
    pakketnaam: str = "OSO Uitwisseling"
    pakketversie: str = "0.1.0"
    outbox_max_attempts: int = 10
