"""The worker's two jobs: fetch a notified dossier into a hulpvraag, and deliver a terugkoppeling.

Each runs inside the outbox row's transaction (``OutboxWorker`` holds the row lock), so the hulpvraag and the
row's "done" commit together: a crash before the commit leaves the row pending and nothing half-written, and
the unique notificatie_id on hulpvragen makes a second hulpvraag impossible even if two workers raced.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Mapping
from urllib.parse import urljoin

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_object_session

from oso_shared.db import utcnow
from oso_shared.outbox import Handler, OutboxMixin, PermanentFailure
from swv_receiver.dossiercontrole import DossierOngeldig, controleer, volledig_valideren
from swv_receiver.hulpvragen import repository as hulpvragen
from swv_receiver.hulpvragen.models import NIEUWE_TITEL, AfleverStatus, HulpvraagStatus
from swv_receiver.notificaties import repository as notificaties
from swv_receiver.notificaties.models import Notificatie, NotificatieStatus
from swv_receiver.scholen import repository as scholen
from swv_receiver.settings import Settings
from swv_receiver.sleutels import Sleutelbos
from swv_receiver.uitgaand.gateway import GatewayClient, GatewayWeigering
from swv_receiver.uitgaand.models import SOORT_OPHALEN, SOORT_TERUGKOPPELING

log = structlog.get_logger(__name__)


def _sessie(row: OutboxMixin) -> AsyncSession:
    session = async_object_session(row)
    assert session is not None, "outbox rows are processed inside a session"
    return session


def _mislukt(notificatie: Notificatie, status: NotificatieStatus, reden: str) -> PermanentFailure:
    # Recorded on the notification and committed with the dead outbox row, so an admin sees why.
    notificatie.status = status
    notificatie.reden = reden[:200]
    log.warning("notificatie_mislukt", notificatie_id=str(notificatie.id), status=status.value, reden=reden)
    return PermanentFailure(f"{status.value}: {reden}")


class Verwerker:
    """Handlers for the receiver's outbox kinds."""

    def __init__(self, settings: Settings, sleutels: Sleutelbos, gateway: GatewayClient) -> None:
        self.settings = settings
        self.sleutels = sleutels
        self.gateway = gateway

    def handlers(self) -> Mapping[str, Handler]:
        """Outbox kind → handler."""
        return {SOORT_OPHALEN: self.ophalen, SOORT_TERUGKOPPELING: self.terugkoppelen}

    async def ophalen(self, row: OutboxMixin) -> None:
        """Fetch the notified dossier, check it, and create its hulpvraag exactly once."""
        session = _sessie(row)
        notificatie = await notificaties.get_for_update(session, uuid.UUID(row.payload["notificatie_id"]))
        if notificatie is None:
            raise PermanentFailure("notificatie bestaat niet")
        if notificatie.status == NotificatieStatus.VERWERKT:
            return
        ondertekenaar = self.sleutels.get(notificatie.aanleverpunt_id)
        if ondertekenaar is None:
            raise _mislukt(notificatie, NotificatieStatus.GEWEIGERD, "ONBEKEND_AANLEVERPUNT")
        xml = notificatie.dossier_xml
        if xml is None:
            try:
                xml = await self.gateway.ophalen(notificatie.ophaal_url, notificatie.koppelsleutel, ondertekenaar)
            except GatewayWeigering as exc:
                raise _mislukt(notificatie, NotificatieStatus.GEWEIGERD, exc.code) from exc
            except DossierOngeldig as exc:
                raise _mislukt(notificatie, NotificatieStatus.AFGEKEURD, exc.code) from exc
            # Kept even if a check below fails: the gateway may not serve a spent koppelsleutel again.
            notificatie.dossier_xml = xml
            notificatie.dossier_bytes = len(xml)
            notificatie.opgehaald_op = utcnow()
        try:
            kern = await asyncio.to_thread(controleer, xml, self.settings.max_dossier_bytes)
        except DossierOngeldig as exc:
            raise _mislukt(notificatie, NotificatieStatus.AFGEKEURD, exc.code) from exc
        fouten = await asyncio.to_thread(volledig_valideren, xml) if self.settings.volledige_validatie else []
        if fouten:
            raise _mislukt(notificatie, NotificatieStatus.AFGEKEURD, "DOSSIER_ONGELDIG")
        if kern.brin != notificatie.bron_brin or (
            notificatie.bron_vestigingscode is not None
            and kern.vestigingscode is not None
            and kern.vestigingscode != notificatie.bron_vestigingscode
        ):
            raise _mislukt(notificatie, NotificatieStatus.AFGEKEURD, "DOSSIER_ANDERE_SCHOOL")
        # No flush before these statements: the notification's XML, fetch time and outcome go out as one
        # UPDATE at commit instead of two.
        with session.no_autoflush:
            school = await scholen.zoek(session, notificatie.swv_code, kern.brin, kern.vestigingscode)
            if school is None:
                raise _mislukt(notificatie, NotificatieStatus.SCHOOL_ONBEKEND, "SCHOOL_NIET_AANGEMELD")
            # ON CONFLICT on notificatie_id inside: a repeat creates nothing, so no savepoint is needed.
            hulpvraag_id = await hulpvragen.maak_aan(
                session,
                notificatie_id=notificatie.id,
                swv_code=notificatie.swv_code,
                aanleverpunt_id=notificatie.aanleverpunt_id,
                brin=kern.brin,
                vestigingscode=kern.vestigingscode,
                schoolnaam=school.naam or kern.schoolnaam,
                overstap=kern.overstap,
                leerling_naam=kern.leerling_naam,
                titel=NIEUWE_TITEL,
                status=HulpvraagStatus.NIEUW,
            )
        notificatie.status = NotificatieStatus.VERWERKT
        notificatie.reden = None
        log.info("hulpvraag_aangemaakt", notificatie_id=str(notificatie.id), hulpvraag_id=str(hulpvraag_id))

    async def terugkoppelen(self, row: OutboxMixin) -> None:
        """Deliver one terugkoppeling to the gateway, idempotent on its id."""
        session = _sessie(row)
        terugkoppeling = await hulpvragen.terugkoppeling_voor_verzending(
            session, uuid.UUID(row.payload["terugkoppeling_id"])
        )
        if terugkoppeling is None:
            raise PermanentFailure("terugkoppeling bestaat niet")
        if terugkoppeling.aflevering == AfleverStatus.VERZONDEN:
            return
        notificatie = terugkoppeling.hulpvraag.notificatie
        ondertekenaar = self.sleutels.get(notificatie.aanleverpunt_id)
        if ondertekenaar is None:
            terugkoppeling.aflevering, terugkoppeling.reden = AfleverStatus.GEWEIGERD, "ONBEKEND_AANLEVERPUNT"
            raise PermanentFailure("aanleverpunt niet (meer) bekend")
        inhoud = {
            "koppelsleutel": notificatie.koppelsleutel,
            "status": terugkoppeling.status,
            "bericht": terugkoppeling.bericht,
            "referentie": terugkoppeling.referentie,
        }
        url = urljoin(notificatie.ophaal_url, "terugkoppelingen")
        try:
            await self.gateway.terugkoppelen(url, ondertekenaar, str(terugkoppeling.id), inhoud)
        except GatewayWeigering as exc:
            terugkoppeling.aflevering, terugkoppeling.reden = AfleverStatus.GEWEIGERD, exc.code[:200]
            raise PermanentFailure(f"gateway weigert terugkoppeling: {exc.code}") from exc
        terugkoppeling.aflevering = AfleverStatus.VERZONDEN
        terugkoppeling.verzonden_op = utcnow()
        terugkoppeling.reden = None
        log.info("terugkoppeling_verzonden", terugkoppeling_id=str(terugkoppeling.id))
