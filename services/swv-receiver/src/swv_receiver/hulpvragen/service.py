"""Working on hulpvragen: toekennen, titel and omschrijving, bijlagen and terugkoppeling (through the outbox)."""

from __future__ import annotations

import io
import uuid
from collections.abc import Sequence
from pathlib import PurePosixPath, PureWindowsPath

import filetype
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from oso_shared.bestanden import (
    ZIP_MEDIATYPE,
    BestandOngeldig,
    ZipGrenzen,
    bevat_html,
    controleer_zip,
    schone_naamtekens,
)
from oso_shared.db import utcnow
from oso_shared.outbox import enqueue
from swv_receiver.hulpvragen import repository
from swv_receiver.hulpvragen.models import AfleverStatus, Bijlage, Hulpvraag, HulpvraagStatus, Terugkoppeling
from swv_receiver.hulpvragen.schemas import HulpvraagWijziging, TerugkoppelingIn
from swv_receiver.notificaties import repository as notificaties
from swv_receiver.outbox.models import SOORT_TERUGKOPPELING, Outbox
from swv_receiver.problems import (
    BijlageInhoudOngeldig,
    BijlageLeeg,
    BijlageNietGevonden,
    BijlageTypeNietToegestaan,
    HulpvraagNietGevonden,
    HulpvraagNietToegekend,
)

log = structlog.get_logger(__name__)

# The OSO standard's attachment types (XSD: PDF, JPG, PNG, DOC, DOCX, ODF, XLS, XLSX, TXT, PPT, PPTX).
TOEGESTANE_TYPES = frozenset(
    {
        "application/pdf",
        "image/jpeg",
        "image/png",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    }
)


async def list_hulpvragen(
    session: AsyncSession, swv: str, status: HulpvraagStatus | None, limit: int, offset: int
) -> tuple[Sequence[Hulpvraag], int]:
    """A page of the SWV's hulpvragen and the total."""
    return await repository.list(session, swv, status.value if status else None, limit, offset)


async def get_hulpvraag(
    session: AsyncSession, swv: str, hulpvraag_id: uuid.UUID, *, for_update: bool = False
) -> Hulpvraag:
    """One hulpvraag of this SWV; another SWV's hulpvraag does not exist for the caller."""
    hulpvraag = await repository.get(session, hulpvraag_id, for_update=for_update)
    if hulpvraag is None or hulpvraag.swv_code != swv:
        raise HulpvraagNietGevonden("Deze hulpvraag bestaat niet (of hoort niet bij jouw samenwerkingsverband).")
    return hulpvraag


async def ken_toe(session: AsyncSession, swv: str, hulpvraag_id: uuid.UUID, door: str) -> Hulpvraag:
    """Assign the hulpvraag to the SWV; repeating it changes nothing."""
    hulpvraag = await get_hulpvraag(session, swv, hulpvraag_id, for_update=True)
    if hulpvraag.status == HulpvraagStatus.NIEUW:
        hulpvraag.status = HulpvraagStatus.TOEGEKEND
        hulpvraag.toegekend_door = door
        hulpvraag.toegekend_op = utcnow()
        await session.flush()
    return hulpvraag


async def wijzig(session: AsyncSession, swv: str, hulpvraag_id: uuid.UUID, wijziging: HulpvraagWijziging) -> Hulpvraag:
    """Set titel and/or omschrijving."""
    hulpvraag = await get_hulpvraag(session, swv, hulpvraag_id, for_update=True)
    if wijziging.titel is not None:
        hulpvraag.titel = wijziging.titel
    if wijziging.omschrijving is not None:
        hulpvraag.omschrijving = wijziging.omschrijving
    await session.flush()
    return hulpvraag


def _bestandsnaam(naam: str | None) -> str:
    # Browsers may send a full client path; keep only the last component.
    kaal = PureWindowsPath(PurePosixPath(schone_naamtekens(naam or "bijlage")).name).name.strip()
    return (kaal or "bijlage")[:255]


def _mediatype(inhoud: bytes, bestandsnaam: str) -> str:
    soort = filetype.guess(inhoud)
    if soort is not None and soort.mime in TOEGESTANE_TYPES:
        return str(soort.mime)
    if soort is None and bestandsnaam.lower().endswith(".txt"):
        try:
            inhoud.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if bevat_html(inhoud):
                raise BijlageTypeNietToegestaan("Het tekstbestand bevat HTML of script; dat is niet toegestaan.")
            return "text/plain"
    raise BijlageTypeNietToegestaan(
        "Toegestaan zijn PDF, JPG, PNG, DOC, DOCX, ODF, XLS, XLSX, TXT, PPT en PPTX (op inhoud gecontroleerd)."
    )


def _controleer_container(inhoud: bytes, mediatype: str, max_uitgepakt: int) -> None:
    soort = ZIP_MEDIATYPE.get(mediatype)
    if soort is None:
        return
    try:
        controleer_zip(io.BytesIO(inhoud), soort, ZipGrenzen(max_uitgepakt=max_uitgepakt))
    except BestandOngeldig as exc:
        raise BijlageInhoudOngeldig(exc.reden) from None


async def add_bijlage(
    session: AsyncSession,
    swv: str,
    hulpvraag_id: uuid.UUID,
    naam: str | None,
    inhoud: bytes,
    door: str,
    *,
    max_uitgepakt: int,
) -> Bijlage:
    """Attach a file after checking its real type by content (a ZIP container also by structure and size)."""
    hulpvraag = await get_hulpvraag(session, swv, hulpvraag_id)
    if not inhoud:
        raise BijlageLeeg("De bijlage is leeg.")
    bestandsnaam = _bestandsnaam(naam)
    mediatype = _mediatype(inhoud, bestandsnaam)
    _controleer_container(inhoud, mediatype, max_uitgepakt)
    bijlage = Bijlage(
        id=uuid.uuid4(),
        hulpvraag_id=hulpvraag.id,
        bestandsnaam=bestandsnaam,
        mediatype=mediatype,
        grootte=len(inhoud),
        inhoud=inhoud,
        toegevoegd_door=door,
    )
    repository.add_bijlage(session, bijlage)
    await session.flush()
    return bijlage


async def get_bijlage(session: AsyncSession, swv: str, hulpvraag_id: uuid.UUID, bijlage_id: uuid.UUID) -> Bijlage:
    """A bijlage with its content."""
    await get_hulpvraag(session, swv, hulpvraag_id)
    gevonden = await repository.get_bijlage(session, hulpvraag_id, bijlage_id)
    if gevonden is None:
        raise BijlageNietGevonden("Deze bijlage bestaat niet.")
    return gevonden


async def get_dossier(session: AsyncSession, swv: str, hulpvraag_id: uuid.UUID) -> bytes:
    """The OSO dossier the hulpvraag was made from."""
    hulpvraag = await get_hulpvraag(session, swv, hulpvraag_id)
    xml = await notificaties.get_dossier_xml(session, hulpvraag.notificatie_id)
    assert xml is not None, "a hulpvraag exists only for a fetched dossier"
    return xml


async def koppel_terug(
    session: AsyncSession, swv: str, hulpvraag_id: uuid.UUID, invoer: TerugkoppelingIn, door: str
) -> Terugkoppeling:
    """Queue a terugkoppeling to the school in the same transaction that records it."""
    hulpvraag = await get_hulpvraag(session, swv, hulpvraag_id, for_update=True)
    if hulpvraag.status == HulpvraagStatus.NIEUW:
        raise HulpvraagNietToegekend("Ken de hulpvraag eerst toe aan het samenwerkingsverband.")
    terugkoppeling = Terugkoppeling(
        id=uuid.uuid4(),
        hulpvraag_id=hulpvraag.id,
        status=invoer.status,
        bericht=invoer.bericht,
        referentie=invoer.referentie,
        aangemaakt_door=door,
        aflevering=AfleverStatus.IN_WACHTRIJ,
    )
    repository.add_terugkoppeling(session, terugkoppeling)
    hulpvraag.status = HulpvraagStatus.TERUGGEKOPPELD
    await session.flush()
    await enqueue(
        session,
        Outbox,
        SOORT_TERUGKOPPELING,
        f"terugkoppeling:{terugkoppeling.id}",
        {"terugkoppeling_id": str(terugkoppeling.id)},
    )
    log.info("terugkoppeling_in_wachtrij", hulpvraag_id=str(hulpvraag.id), terugkoppeling_id=str(terugkoppeling.id))
    return terugkoppeling
