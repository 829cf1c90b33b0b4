"""libpq-style TLS parameters in database URLs: translated for asyncpg, accepted by services and migrations."""

from __future__ import annotations

import datetime as dt
import ssl
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from oso_dev.testing import worker_database_url
from oso_shared.db import Database, async_url, asyncpg_dsn, connect_args, ssl_context
from oso_shared.migrations import MigrationTarget, migrate_database


def _ca_file(tmp_path: Path) -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test CA")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    path = tmp_path / "ca.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(path)


def test_tls_parameters_leave_the_sqlalchemy_url() -> None:
    url = "postgresql://u:p@db.example:5432/oso?sslmode=require&sslrootcert=/ca.pem&application_name=x"
    assert async_url(url) == "postgresql+asyncpg://u:p@db.example:5432/oso?application_name=x"
    assert async_url("postgresql://u@h/db?ssl=require") == "postgresql+asyncpg://u@h/db"


def test_require_encrypts_without_checking_the_server() -> None:
    context = connect_args("postgresql://u@h/db?sslmode=require")["ssl"]
    assert isinstance(context, ssl.SSLContext)
    assert (context.verify_mode, context.check_hostname) == (ssl.CERT_NONE, False)


def test_verify_full_checks_chain_and_host_with_the_given_root(tmp_path: Path) -> None:
    ca = _ca_file(tmp_path)
    context = ssl_context({"sslmode": "verify-full", "sslrootcert": ca})
    assert isinstance(context, ssl.SSLContext)
    assert (context.verify_mode, context.check_hostname) == (ssl.CERT_REQUIRED, True)
    assert [c["subject"] for c in context.get_ca_certs()] == [((("commonName", "Test CA"),),)]


def test_verify_ca_and_require_with_a_root_check_the_chain_only(tmp_path: Path) -> None:
    ca = _ca_file(tmp_path)
    for mode in ("verify-ca", "require"):
        context = ssl_context({"sslmode": mode, "sslrootcert": ca})
        assert isinstance(context, ssl.SSLContext)
        assert (context.verify_mode, context.check_hostname) == (ssl.CERT_REQUIRED, False)


def test_system_roots_disable_and_prefer() -> None:
    context = ssl_context({"sslmode": "verify-full", "sslrootcert": "system"})
    assert isinstance(context, ssl.SSLContext)
    assert context.check_hostname
    assert ssl_context({"sslmode": "disable"}) is False
    assert ssl_context({"sslmode": "prefer"}) == "prefer"
    assert connect_args("postgresql://u@h/db") == {}
    with pytest.raises(ValueError, match="unknown sslmode"):
        ssl_context({"sslmode": "sometimes"})


def test_asyncpg_dsn_keeps_libpq_parameters() -> None:
    assert asyncpg_dsn("postgresql+asyncpg://u@h/db?ssl=require") == "postgresql://u@h/db?sslmode=require"


async def test_service_connects_and_refuses_tls_the_server_lacks(worker_id: str) -> None:
    url = worker_database_url("shared", worker_id)  # the server of the tests runs without TLS
    ok = Database(f"{url}?sslmode=prefer")
    assert await ok.ping()
    await ok.dispose()
    refused = Database(f"{url}?sslmode=require")
    reason = await refused.check()
    await refused.dispose()
    assert reason is not None
    assert "SSL" in reason or "ssl" in reason


def test_migrations_accept_libpq_tls_parameters(worker_id: str) -> None:
    url = worker_database_url("mig_tls", worker_id) + "?sslmode=disable"
    outcome = migrate_database(MigrationTarget("registry", "oso_registry", url))
    again = migrate_database(MigrationTarget("registry", "oso_registry", url))
    assert outcome.after is not None
    assert (again.changed, again.after) == (False, outcome.after)
