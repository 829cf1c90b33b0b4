"""Accepting notifications: only for our aanleverpunten and the trusted gateway, exactly once per koppelsleutel."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from urllib.parse import urlsplit

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from oso_shared.outbox import enqueue
from oso_shared.problems import Conflict, NotFound, Unprocessable
from swv_receiver.notificaties import repository
from swv_receiver.notificaties.models import Notificatie, NotificatieStatus
from swv_receiver.notificaties.schemas import NotificatieIn, NotificatieOntvangen
from swv_receiver.sleutels import Sleutelbos
from swv_receiver.uitgaand.models import SOORT_OPHALEN, Uitgaand

DIENST_SWV = "OSO-SWV"  # the one OSO service this receiver takes part in

log = structlog.get_logger(__name__)


class OnbekendAanleverpunt(NotFound):
    code = "ONBEKEND_AANLEVERPUNT"
    title = "Onbekend aanleverpunt"


class DienstNietOndersteund(Unprocessable):
    code = "DIENST_NIET_ONDERSTEUND"
    title = "Dienst niet ondersteund"


class NotificatieNietGevonden(NotFound):
    code = "NOTIFICATIE_NIET_GEVONDEN"
    title = "Notificatie niet gevonden"


class NotificatieNietMislukt(Conflict):
    code = "NOTIFICATIE_NIET_MISLUKT"
    title = "Notificatie is niet mislukt"


class OphaalUrlNietVertrouwd(Unprocessable):
    code = "OPHAAL_URL_NIET_VERTROUWD"
    title = "Ophaaladres niet vertrouwd"


def ophaal_url_vertrouwd(ophaal_url: str, gateway_url: str) -> bool:
    """True when ``ophaal_url`` lies under the configured gateway (same scheme, host, port and path prefix)."""
    url, base = urlsplit(ophaal_url), urlsplit(gateway_url)
    if (url.scheme, url.netloc) != (base.scheme, base.netloc) or url.query or url.fragment:
        return False
    prefix = base.path.rstrip("/") + "/"
    return url.path.startswith(prefix)


async def ontvang(
    session: AsyncSession, notificatie: NotificatieIn, sleutels: Sleutelbos, gateway_url: str
) -> NotificatieOntvangen:
    """Store a notification and queue its fetch in the same transaction; a repeat changes nothing."""
    if notificatie.dienst != DIENST_SWV:
        raise DienstNietOndersteund(f"Dit systeem ontvangt alleen de dienst {DIENST_SWV}.")
    ondertekenaar = sleutels.get(notificatie.doel.aanleverpunt)
    if ondertekenaar is None:
        raise OnbekendAanleverpunt("Dit aanleverpunt is hier niet bekend.")
    if not ophaal_url_vertrouwd(notificatie.ophaal_url, gateway_url):
        raise OphaalUrlNietVertrouwd("Het ophaaladres hoort niet bij de vertrouwde gateway.")
    nieuw_id = await repository.insert_nieuw(
        session,
        koppelsleutel=notificatie.koppelsleutel,
        aanleverpunt_id=ondertekenaar.id,
        swv_code=ondertekenaar.swv_code,
        bron_brin=notificatie.bron.brin,
        bron_vestigingscode=notificatie.bron.vestigingscode,
        ophaal_url=notificatie.ophaal_url,
    )
    if nieuw_id is None:
        log.info("notificatie_herhaald", aanleverpunt=ondertekenaar.id)
        return NotificatieOntvangen(status="reeds_ontvangen")
    await enqueue(session, Uitgaand, SOORT_OPHALEN, f"ophalen:{nieuw_id}", {"notificatie_id": str(nieuw_id)})
    log.info("notificatie_ontvangen", notificatie_id=str(nieuw_id), aanleverpunt=ondertekenaar.id)
    return NotificatieOntvangen(status="ontvangen")


async def lijst(
    session: AsyncSession, swv_code: str, status: NotificatieStatus | None, limit: int
) -> Sequence[Notificatie]:
    """The SWV's notifications, newest first (to see what failed and why)."""
    return await repository.lijst(session, swv_code, status.value if status else None, limit)


async def opnieuw(session: AsyncSession, swv_code: str, notificatie_id: uuid.UUID) -> Notificatie:
    """Retry a failed fetch (e.g. after the mandate was restored or the school registered)."""
    notificatie = await repository.get(session, notificatie_id)
    if notificatie is None or notificatie.swv_code != swv_code:
        raise NotificatieNietGevonden("Deze notificatie bestaat niet (of hoort niet bij jouw samenwerkingsverband).")
    if notificatie.status == NotificatieStatus.VERWERKT or not await repository.ophalen_opnieuw(
        session, notificatie.id
    ):
        raise NotificatieNietMislukt("Alleen een mislukte ophaalactie kan opnieuw worden geprobeerd.")
    notificatie.status = NotificatieStatus.ONTVANGEN
    notificatie.reden = None
    await session.flush()
    log.info("ophalen_opnieuw", notificatie_id=str(notificatie.id))
    return notificatie
