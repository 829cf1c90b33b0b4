"""The worker's two jobs: fetch a notified dossier into a hulpvraag, and deliver a terugkoppeling.

Each runs inside the outbox row's transaction (``OutboxWorker`` holds the row lock), so the hulpvraag and the
row's "done" commit together: a crash before the commit leaves the row pending and nothing half-written, and
the unique notificatie_id on hulpvragen makes a second hulpvraag impossible even if two workers raced.
A refusal is a :class:`~oso_shared.outbox.PermanentFailure` naming the outcome; each handler's ``on_dead``
records it on the notification or terugkoppeling in the transaction that moves the row to the dead letters.
"""

from __future__ import annotations

import asyncio
import uuid
from urllib.parse import urljoin

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_object_session

from oso_shared.contracts.notificatie import TerugkoppelingIn
from oso_shared.db import utcnow
from oso_shared.http import ServiceError
from oso_shared.outbox import OutboxMixin, PermanentFailure
from swv_receiver.clients.gateway import GatewayClient
from swv_receiver.dossiercontrole import DossierOngeldig, controleer, volledig_valideren
from swv_receiver.hulpvragen import repository as hulpvragen
from swv_receiver.hulpvragen.models import NIEUWE_TITEL, AfleverStatus, HulpvraagStatus
from swv_receiver.notificaties import repository as notificaties
from swv_receiver.notificaties.models import NotificatieStatus
from swv_receiver.scholen import repository as scholen
from swv_receiver.settings import Settings
from swv_receiver.sleutels import Sleutelbos

log = structlog.get_logger(__name__)


class OphalenMislukt(PermanentFailure):
    """The fetch cannot succeed by trying again: ``status`` and ``reden`` go on the notification."""

    def __init__(self, status: NotificatieStatus, reden: str) -> None:
        super().__init__(f"{status.value}: {reden}")
        self.status = status
        self.reden = reden[:200]


class TerugkoppelingGeweigerd(PermanentFailure):
    """The terugkoppeling cannot be delivered; ``reden`` goes on it."""

    def __init__(self, reden: str, detail: str) -> None:
        super().__init__(detail)
        self.reden = reden[:200]


def _sessie(row: OutboxMixin) -> AsyncSession:
    session = async_object_session(row)
    assert session is not None, "outbox rows are processed inside a session"
    return session


def _weigercode(exc: ServiceError) -> str:
    return (exc.code or f"HTTP_{exc.status}")[:100]


class OphaalHandler:
    """Kind ``ophalen``: fetch the notified dossier, check it, and create its hulpvraag exactly once."""

    def __init__(self, settings: Settings, sleutels: Sleutelbos, gateway: GatewayClient) -> None:
        self.settings = settings
        self.sleutels = sleutels
        self.gateway = gateway

    async def __call__(self, row: OutboxMixin) -> None:
        """Handle one ``ophalen`` row."""
        session = _sessie(row)
        notificatie = await notificaties.get_for_update(session, uuid.UUID(row.payload["notificatie_id"]))
        if notificatie is None:
            raise PermanentFailure("notificatie bestaat niet")
        if notificatie.status == NotificatieStatus.VERWERKT:
            return
        ondertekenaar = self.sleutels.get(notificatie.aanleverpunt_id)
        if ondertekenaar is None:
            raise OphalenMislukt(NotificatieStatus.GEWEIGERD, "ONBEKEND_AANLEVERPUNT")
        xml = notificatie.dossier_xml
        if xml is None:
            try:
                xml = await self.gateway.ophalen(notificatie.ophaal_url, notificatie.koppelsleutel, ondertekenaar)
            except ServiceError as exc:
                if exc.transient:
                    raise
                raise OphalenMislukt(NotificatieStatus.GEWEIGERD, _weigercode(exc)) from exc
            except DossierOngeldig as exc:
                raise OphalenMislukt(NotificatieStatus.AFGEKEURD, exc.code) from exc
            # Kept even if a check below fails: the gateway may not serve a spent koppelsleutel again.
            notificatie.dossier_xml = xml
            notificatie.dossier_bytes = len(xml)
            notificatie.opgehaald_op = utcnow()
        try:
            kern = await asyncio.to_thread(controleer, xml, self.settings.max_dossier_bytes)
        except DossierOngeldig as exc:
            raise OphalenMislukt(NotificatieStatus.AFGEKEURD, exc.code) from exc
        fouten = await asyncio.to_thread(volledig_valideren, xml) if self.settings.volledige_validatie else []
        if fouten:
            raise OphalenMislukt(NotificatieStatus.AFGEKEURD, "DOSSIER_ONGELDIG")
        if kern.brin != notificatie.bron_brin or (
            notificatie.bron_vestigingscode is not None
            and kern.vestigingscode is not None
            and kern.vestigingscode != notificatie.bron_vestigingscode
        ):
            raise OphalenMislukt(NotificatieStatus.AFGEKEURD, "DOSSIER_ANDERE_SCHOOL")
        # No flush before these statements: the notification's XML, fetch time and outcome go out as one
        # UPDATE at commit instead of two.
        with session.no_autoflush:
            school = await scholen.get_covering(session, notificatie.swv_code, kern.brin, kern.vestigingscode)
            if school is None:
                raise OphalenMislukt(NotificatieStatus.SCHOOL_ONBEKEND, "SCHOOL_NIET_AANGEMELD")
            # ON CONFLICT on notificatie_id inside: a repeat creates nothing, so no savepoint is needed.
            hulpvraag_id = await hulpvragen.add(
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

    @staticmethod
    async def on_dead(session: AsyncSession, row: OutboxMixin, failure: BaseException) -> None:
        """Record why the fetch was given up on the notification, so an SWV admin sees it (and may retry)."""
        notificatie_id = uuid.UUID(row.payload["notificatie_id"])
        if not isinstance(failure, OphalenMislukt):
            log.warning("ophalen_opgegeven", notificatie_id=str(notificatie_id), fout=type(failure).__name__)
            return
        notificatie = await notificaties.get_for_update(session, notificatie_id)
        if notificatie is None:
            return
        notificatie.status, notificatie.reden = failure.status, failure.reden
        log.warning("notificatie_mislukt", notificatie_id=str(notificatie.id), status=failure.status.value)


class TerugkoppelingHandler:
    """Kind ``terugkoppeling``: deliver one terugkoppeling to the gateway, idempotent on its id."""

    def __init__(self, sleutels: Sleutelbos, gateway: GatewayClient) -> None:
        self.sleutels = sleutels
        self.gateway = gateway

    async def __call__(self, row: OutboxMixin) -> None:
        """Handle one ``terugkoppeling`` row."""
        session = _sessie(row)
        terugkoppeling = await hulpvragen.get_terugkoppeling_for_send(
            session, uuid.UUID(row.payload["terugkoppeling_id"])
        )
        if terugkoppeling is None:
            raise PermanentFailure("terugkoppeling bestaat niet")
        if terugkoppeling.aflevering == AfleverStatus.VERZONDEN:
            return
        notificatie = terugkoppeling.hulpvraag.notificatie
        ondertekenaar = self.sleutels.get(notificatie.aanleverpunt_id)
        if ondertekenaar is None:
            raise TerugkoppelingGeweigerd("ONBEKEND_AANLEVERPUNT", "aanleverpunt niet (meer) bekend")
        inhoud = TerugkoppelingIn(
            koppelsleutel=notificatie.koppelsleutel,
            status=terugkoppeling.status,
            bericht=terugkoppeling.bericht,
            referentie=terugkoppeling.referentie,
        )
        url = urljoin(notificatie.ophaal_url, "terugkoppelingen")
        try:
            await self.gateway.terugkoppelen(url, ondertekenaar, str(terugkoppeling.id), inhoud)
        except ServiceError as exc:
            if exc.transient:
                raise
            code = _weigercode(exc)
            raise TerugkoppelingGeweigerd(code, f"gateway weigert terugkoppeling: {code}") from exc
        terugkoppeling.aflevering = AfleverStatus.VERZONDEN
        terugkoppeling.verzonden_op = utcnow()
        terugkoppeling.reden = None
        log.info("terugkoppeling_verzonden", terugkoppeling_id=str(terugkoppeling.id))

    @staticmethod
    async def on_dead(session: AsyncSession, row: OutboxMixin, failure: BaseException) -> None:
        """Mark a refused terugkoppeling as such (with the gateway's code), in the dead letter's transaction."""
        if not isinstance(failure, TerugkoppelingGeweigerd):
            log.warning("terugkoppeling_opgegeven", terugkoppeling_id=row.payload["terugkoppeling_id"])
            return
        terugkoppeling = await hulpvragen.get_terugkoppeling_for_send(
            session, uuid.UUID(row.payload["terugkoppeling_id"])
        )
        if terugkoppeling is not None:
            terugkoppeling.aflevering, terugkoppeling.reden = AfleverStatus.GEWEIGERD, failure.reden
