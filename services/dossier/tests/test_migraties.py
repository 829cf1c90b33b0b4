"""The migrations leave the large dossier columns uncompressed (see migration 0003)."""

from __future__ import annotations

import pytest

from oso_shared.db import Database
from oso_shared.testing import column_storage


@pytest.mark.parametrize(("tabel", "kolom"), [("dossiers", "xml")])
async def test_grote_kolommen_zonder_compressie(database: Database, tabel: str, kolom: str) -> None:
    assert await column_storage(database, tabel, kolom) == "e"  # EXTERNAL: out of line, never compressed
