"""Bijlagen of a draft dossier: streamed upload into a large object with type, size and sha256 checks."""

from __future__ import annotations

import asyncio
import hashlib
import re
import tempfile
import unicodedata
import uuid
from collections.abc import AsyncIterator, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from oso_dossier.audit import repository as audit
from oso_dossier.bijlagen import repository
from oso_dossier.bijlagen.models import Bijlage
from oso_dossier.bijlagen.typen import KOP_BYTES, TOEGESTAAN, Bestandssoort, extensie, herken, is_tekst
from oso_dossier.dossiers import service as dossier_service
from oso_dossier.problems import (
    BestandsnaamOngeldig,
    BijlageInhoudOngeldig,
    BijlageLeeg,
    BijlageNietGevonden,
    BijlagenTeGroot,
    BijlageTeGroot,
    BijlageTypeKloptNiet,
    BijlageTypeNietToegestaan,
)
from oso_dossier.settings import Settings
from oso_shared.auth import Principal
from oso_shared.bestanden import (
    HTML_OVERLAP,
    ZIP_SOORTEN,
    BestandOngeldig,
    ZipGrenzen,
    bevat_html,
    controleer_zip,
    schone_naamtekens,
)

# Bytes collected before each write to the large object: bounded memory whatever the file size.
SCHRIJF_BLOK = 1024 * 1024
# A ZIP container (docx, odt…) may inflate to at most this many times the per-file limit.
UITPAK_FACTOR = 10


_ONVEILIG = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


def schone_bestandsnaam(naam: str | None) -> str:
    """Base name without path parts, bidi or control characters, NFC, at most 255 characters."""
    if not naam:
        raise BestandsnaamOngeldig("Stuur de bestandsnaam mee in de Content-Disposition-header.")
    naam = schone_naamtekens(unicodedata.normalize("NFC", naam)).replace("\\", "/").rsplit("/", 1)[-1]
    naam = _ONVEILIG.sub("_", naam).strip(" .")
    if not naam or not extensie(naam):
        raise BestandsnaamOngeldig("De bestandsnaam moet een extensie hebben, bijvoorbeeld verslag.pdf.")
    if len(naam) > 255:
        stam, _, ext = naam.rpartition(".")
        naam = f"{stam[: 254 - len(ext)]}.{ext}"
    return naam


def _controleer_soort(kop: bytes, naam: str) -> Bestandssoort:
    soort = herken(kop)
    if soort is None:
        raise BijlageTypeNietToegestaan(f"Alleen deze bestandstypen zijn toegestaan: {TOEGESTAAN}.")
    if extensie(naam) not in soort.extensies:
        raise BijlageTypeKloptNiet(
            f"De inhoud is een {soort.soort.upper()}-bestand, maar de naam eindigt op .{extensie(naam)}.",
            herkend=soort.soort,
        )
    return soort


def _controleer_tekst(blok: bytes) -> None:
    """A TXT bijlage holds neither binary data nor markup a browser would run."""
    if not is_tekst(blok):
        raise BijlageTypeNietToegestaan("Het tekstbestand bevat binaire gegevens.")
    if bevat_html(blok):
        raise BijlageTypeNietToegestaan("Het tekstbestand bevat HTML of script; dat is niet toegestaan.")


async def _controleer_container(spool: tempfile.SpooledTemporaryFile[bytes], soort: str, max_bestand: int) -> None:
    """A ZIP-based bijlage is the container it claims and inflates within bounds (read from the spooled copy)."""
    spool.seek(0)
    grenzen = ZipGrenzen(max_uitgepakt=UITPAK_FACTOR * max_bestand)
    try:
        await asyncio.to_thread(controleer_zip, spool, soort, grenzen)
    except BestandOngeldig as exc:
        raise BijlageInhoudOngeldig(exc.reden) from None


async def upload(
    session: AsyncSession,
    principal: Principal,
    dossier_id: uuid.UUID,
    *,
    bestandsnaam: str | None,
    omschrijving: str | None,
    lengte: int | None,
    stroom: AsyncIterator[bytes],
    settings: Settings,
) -> Bijlage:
    """Add a bijlage to a draft, streaming the body into a large object (never whole in memory)."""
    dossier = await dossier_service.haal_bewerkbaar(session, principal, dossier_id)
    naam = schone_bestandsnaam(bestandsnaam)
    ruimte = settings.bijlagen_per_dossier_max_bytes - await repository.get_totale_grootte(session, dossier.id)
    max_bestand = settings.bijlage_max_bytes
    max_dossier = settings.bijlagen_per_dossier_max_bytes

    def controleer_grootte(grootte: int) -> None:
        if grootte > max_bestand:
            raise BijlageTeGroot(f"Een bijlage mag hoogstens {max_bestand} bytes zijn.", max_bytes=max_bestand)
        if grootte > ruimte:
            raise BijlagenTeGroot(
                f"De bijlagen van een dossier mogen samen hoogstens {max_dossier} bytes zijn.",
                max_bytes=max_dossier,
                nog_beschikbaar=max(ruimte, 0),
            )

    if lengte is not None:
        controleer_grootte(lengte)
    oid = await repository.lo_create(session)
    sha = hashlib.sha256()
    grootte = 0
    geschreven = 0
    buffer = bytearray()
    soort: Bestandssoort | None = None
    staart = b""
    # A copy on disk beyond the first MiBs: a ZIP's structure is only known from its end (the central directory).
    with tempfile.SpooledTemporaryFile(max_size=4 * SCHRIJF_BLOK) as spool:
        async for chunk in stroom:
            if not chunk:
                continue
            grootte += len(chunk)
            controleer_grootte(grootte)
            sha.update(chunk)
            spool.write(chunk)
            if soort is not None and soort.soort == "txt":
                _controleer_tekst(staart + chunk)
            staart = chunk[-HTML_OVERLAP:]
            buffer += chunk
            if soort is None and len(buffer) >= KOP_BYTES:
                soort = _controleer_soort(bytes(buffer[:KOP_BYTES]), naam)
                if soort.soort == "txt":
                    _controleer_tekst(bytes(buffer))
            if soort is not None and len(buffer) >= SCHRIJF_BLOK:
                await repository.lo_put(session, oid, geschreven, bytes(buffer))
                geschreven += len(buffer)
                buffer.clear()
        if grootte == 0:
            raise BijlageLeeg("Het bestand is leeg.")
        if soort is None:
            soort = _controleer_soort(bytes(buffer), naam)
            if soort.soort == "txt":
                _controleer_tekst(bytes(buffer))
        if soort.soort in ZIP_SOORTEN:
            await _controleer_container(spool, soort.soort, max_bestand)
    if buffer:
        await repository.lo_put(session, oid, geschreven, bytes(buffer))
    bijlage = Bijlage(
        id=uuid.uuid4(),
        dossier_id=dossier.id,
        bestandsnaam=naam,
        omschrijving=(omschrijving or "").strip()[:500] or None,
        soort=soort.soort,
        mediatype=soort.mediatype,
        grootte=grootte,
        sha256=sha.hexdigest(),
        lo_oid=oid,
        aangemaakt_door=principal.sub,
    )
    repository.add(session, bijlage)
    await session.flush()
    await dossier_service.markeer_gewijzigd(session, dossier, principal, "bijlage toegevoegd")
    await audit.add(
        session,
        principal,
        "bijlage_toegevoegd",
        leerling_id=dossier.leerling_id,
        dossier_id=dossier.id,
        details={"bijlage_id": str(bijlage.id), "soort": soort.soort, "grootte": grootte},
    )
    return bijlage


async def lijst(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID) -> Sequence[Bijlage]:
    """Bijlagen of a dossier of the caller's school."""
    dossier = await dossier_service.haal(session, principal, dossier_id)
    return await repository.list(session, dossier.id)


async def verwijder(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID, bijlage_id: uuid.UUID) -> None:
    """Remove a bijlage from a draft."""
    dossier = await dossier_service.haal_bewerkbaar(session, principal, dossier_id)
    bijlage = await repository.get(session, dossier.id, bijlage_id)
    if bijlage is None:
        raise BijlageNietGevonden()
    await repository.remove(session, bijlage)
    await dossier_service.markeer_gewijzigd(session, dossier, principal, "bijlage verwijderd")
    await audit.add(
        session,
        principal,
        "bijlage_verwijderd",
        leerling_id=dossier.leerling_id,
        dossier_id=dossier.id,
        details={"bijlage_id": str(bijlage_id)},
    )


async def haal(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID, bijlage_id: uuid.UUID) -> Bijlage:
    """One bijlage of a dossier of the caller's school (audited: reading a document is an action)."""
    dossier = await dossier_service.haal(session, principal, dossier_id)
    bijlage = await repository.get(session, dossier.id, bijlage_id)
    if bijlage is None:
        raise BijlageNietGevonden()
    await audit.add(
        session,
        principal,
        "bijlage_bekeken",
        leerling_id=dossier.leerling_id,
        dossier_id=dossier.id,
        details={"bijlage_id": str(bijlage_id)},
    )
    return bijlage
