"""Packs a bijlage the way the standard prescribes: ``bestandsinhoud`` is the Base64 of a ZIP holding the file."""

from __future__ import annotations

import asyncio
import base64
import tempfile
import zipfile

from sqlalchemy.ext.asyncio import AsyncSession

from oso_dossier.bijlagen import repository
from oso_dossier.bijlagen.models import Bijlage

LEES_BLOK = 1024 * 1024
# Base64 works on 3-byte groups, so blocks that are a multiple of 3 encode independently.
B64_BLOK = 3 * 256 * 1024


async def zip_base64(session: AsyncSession, bijlage: Bijlage) -> str:
    """Stream the large object into a ZIP (spooled to disk when large) and return its Base64 text."""
    with tempfile.SpooledTemporaryFile(max_size=4 * LEES_BLOK) as spool:
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            info = zipfile.ZipInfo(bijlage.bestandsnaam, date_time=bijlage.aangemaakt_op.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            with zf.open(info, "w", force_zip64=bijlage.grootte > 2**31) as writer:
                offset = 0
                while True:
                    data = await repository.lo_get(session, bijlage.lo_oid, offset, LEES_BLOK)
                    if not data:
                        break
                    # Deflate is CPU work: keep the event loop free.
                    await asyncio.to_thread(writer.write, data)
                    offset += len(data)
        spool.seek(0)
        delen: list[str] = []
        while blok := spool.read(B64_BLOK):
            delen.append(base64.b64encode(blok).decode("ascii"))
        return "".join(delen)
