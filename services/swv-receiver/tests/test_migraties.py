"""The migrations leave the large dossier columns uncompressed (see migration 0003)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from oso_shared.db import Database


@pytest.mark.parametrize(("tabel", "kolom"), [("notificaties", "dossier_xml"), ("bijlagen", "inhoud")])
async def test_grote_kolommen_zonder_compressie(database: Database, tabel: str, kolom: str) -> None:
    async with database.transaction() as session:
        opslag = await session.scalar(
            text(
                "SELECT CAST(attstorage AS text) FROM pg_attribute"
                " WHERE attrelid = CAST(:tabel AS regclass) AND attname = :kolom"
            ),
            {"tabel": tabel, "kolom": kolom},
        )
    assert opslag == "e"  # EXTERNAL: out of line, never compressed
