"""Rotation of the PGN keys: key ids in front of every ciphertext, newest encrypts, all decrypt, and the
re-encryption to the newest key in batches on real PostgreSQL (idempotent)."""

from __future__ import annotations

import uuid

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr, ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine
from typer.testing import CliRunner

from oso_dossier.cli import app
from oso_dossier.crypto import PgnVersleuteling
from oso_dossier.leerlingen.models import Leerling
from oso_dossier.settings import DEV_PGN_SLEUTEL, PgnSleutel, Settings
from oso_dossier.sleutels.service import herversleutelen
from oso_shared.db import Database
from oso_shared.settings import OnveiligeInstelling, require_secrets

OUD, NIEUW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def _sleutels(*paren: tuple[str, str]) -> list[PgnSleutel]:
    return [PgnSleutel(id=key_id, sleutel=SecretStr(key)) for key_id, key in paren]


def test_the_newest_key_encrypts_with_its_id_and_every_key_decrypts() -> None:
    oud = PgnVersleuteling(_sleutels(("2025", OUD)))
    opgeslagen = oud.versleutel("123456782")
    assert opgeslagen.startswith(b"2025:")
    beide = PgnVersleuteling(_sleutels(("2026", NIEUW), ("2025", OUD)))
    assert beide.ontsleutel(opgeslagen) == "123456782"
    assert beide.versleutel("123456782").startswith(b"2026:")
    assert not beide.is_actueel(opgeslagen)
    nieuw = beide.herversleutel(opgeslagen)
    assert beide.is_actueel(nieuw)
    assert beide.herversleutel(nieuw) is nieuw
    assert PgnVersleuteling(_sleutels(("2026", NIEUW))).ontsleutel(nieuw) == "123456782"


def test_a_value_from_before_key_ids_still_decrypts() -> None:
    kaal = Fernet(OUD.encode()).encrypt(b"123456782")
    crypto = PgnVersleuteling(_sleutels(("2026", NIEUW), ("1", OUD)))
    assert crypto.sleutel_id(kaal) is None
    assert crypto.ontsleutel(kaal) == "123456782"


def test_a_value_no_key_opens_is_refused() -> None:
    opgeslagen = PgnVersleuteling(_sleutels(("2025", OUD))).versleutel("123456782")
    with pytest.raises(ValueError, match="ontsleuteld"):
        PgnVersleuteling(_sleutels(("2026", NIEUW))).ontsleutel(opgeslagen)


def test_the_setting_reads_a_key_list_newest_first_and_the_old_single_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_PGN_SLEUTELS", f"2026:{NIEUW}, 2025:{OUD}")
    assert [s.id for s in Settings().pgn_sleutels] == ["2026", "2025"]
    monkeypatch.delenv("DOSSIER_PGN_SLEUTELS")
    monkeypatch.setenv("DOSSIER_PGN_SLEUTEL", OUD)
    [enige] = Settings().pgn_sleutels
    assert (enige.id, enige.sleutel.get_secret_value()) == ("1", OUD)


@pytest.mark.parametrize(
    "waarde",
    ["2026:geen-sleutel", f"a:{NIEUW},a:{OUD}", f"met spatie:{NIEUW}", ""],
    # Stable ids: the keys are random per process, and xdist workers must collect the same test names.
    ids=["geen-sleutel", "dubbel-id", "spatie-in-id", "leeg"],
)
def test_a_wrong_key_list_is_refused(monkeypatch: pytest.MonkeyPatch, waarde: str) -> None:
    monkeypatch.setenv("DOSSIER_PGN_SLEUTELS", waarde)
    with pytest.raises(ValidationError):
        Settings()


def test_outside_development_the_published_key_may_only_remain_to_decrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OSO_OMGEVING", "productie")
    monkeypatch.setenv("OSO_AUTH_SECRET", "a" * 48)
    monkeypatch.setenv("OSO_METRICS_TOKEN", "b" * 32)
    for refused in (DEV_PGN_SLEUTEL, f"ontwikkeling:{DEV_PGN_SLEUTEL}", f"2026:{DEV_PGN_SLEUTEL},2025:{OUD}"):
        monkeypatch.setenv("DOSSIER_PGN_SLEUTELS", refused)
        with pytest.raises(OnveiligeInstelling, match="DOSSIER_PGN_SLEUTELS"):
            require_secrets(Settings())
    # The way out of a deployment that encrypted with the published key: a new key first, the old one after it.
    monkeypatch.setenv("DOSSIER_PGN_SLEUTELS", f"2026:{NIEUW},ontwikkeling:{DEV_PGN_SLEUTEL}")
    require_secrets(Settings())


def _leerling(nummer: str, bsn: bytes | None, onderwijsnummer: bytes | None) -> Leerling:
    return Leerling(
        id=uuid.uuid4(),
        brin="77RT",
        vestigingscode="00",
        leerlingnummer=nummer,
        bsn_versleuteld=bsn,
        onderwijsnummer_versleuteld=onderwijsnummer,
        gegevens={},
    )


async def test_herversleutelen_moves_every_pgn_to_the_newest_key_in_batches(database: Database) -> None:
    oud = PgnVersleuteling(_sleutels(("2025", OUD)))
    kaal = Fernet(OUD.encode())
    roteren = PgnVersleuteling(_sleutels(("2026", NIEUW), ("2025", OUD)))
    verwacht = {
        "1": ("111222333", None),
        "2": (None, "444555666"),
        "3": ("777888999", "101010101"),
        "4": (None, None),
        "5": ("121212121", None),
    }
    async with database.transaction() as session:
        session.add(_leerling("1", oud.versleutel("111222333"), None))
        session.add(_leerling("2", None, kaal.encrypt(b"444555666")))  # from before key ids
        session.add(_leerling("3", roteren.versleutel("777888999"), oud.versleutel("101010101")))
        session.add(_leerling("4", None, None))
        session.add(_leerling("5", roteren.versleutel("121212121"), None))  # already current
    assert await herversleutelen(database, roteren, batch=2) == 3
    assert await herversleutelen(database, roteren, batch=2) == 0  # idempotent

    alleen_nieuw = PgnVersleuteling(_sleutels(("2026", NIEUW)))
    async with database.transaction() as session:
        rows = (await session.scalars(select(Leerling).where(Leerling.brin == "77RT"))).all()
    assert len(rows) == 5
    for row in rows:
        for waarde in (row.bsn_versleuteld, row.onderwijsnummer_versleuteld):
            assert waarde is None or bytes(waarde).startswith(b"2026:")
        bsn = alleen_nieuw.ontsleutel(row.bsn_versleuteld) if row.bsn_versleuteld else None
        onr = alleen_nieuw.ontsleutel(row.onderwijsnummer_versleuteld) if row.onderwijsnummer_versleuteld else None
        assert (bsn, onr) == verwacht[row.leerlingnummer]


async def test_herversleutelen_stops_on_a_value_no_key_opens(database: Database) -> None:
    async with database.transaction() as session:
        session.add(_leerling("9", PgnVersleuteling(_sleutels(("x", OUD))).versleutel("999999999"), None))
    with pytest.raises(ValueError, match="ontsleuteld"):
        await herversleutelen(database, PgnVersleuteling(_sleutels(("2026", NIEUW))), batch=10)


def test_the_cli_reencrypts_and_names_the_newest_key(engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    monkeypatch.setenv("DOSSIER_DATABASE_URL", url)
    monkeypatch.setenv("DOSSIER_PGN_SLEUTELS", f"2026:{NIEUW},2025:{OUD}")
    result = CliRunner().invoke(app, ["sleutels", "herversleutelen", "--batch", "50"])
    assert result.exit_code == 0, result.output
    assert "herversleuteld naar sleutel 2026" in result.output
