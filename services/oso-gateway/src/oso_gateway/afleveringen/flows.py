"""Intake of a delivery: the route (registry decision), store the XML, mint the koppelsleutel, queue the notice."""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import uuid
from dataclasses import dataclass

import jwt
import structlog
from lxml import etree
from sqlalchemy.ext.asyncio import AsyncSession

from oso_gateway.afleveringen import repository
from oso_gateway.afleveringen.models import Aflevering, AfleveringStatus, DossierInhoud
from oso_gateway.afleveringen.service import hash_koppelsleutel
from oso_gateway.clients.registry import RegistryClient
from oso_gateway.outbox.messages import enqueue_notificatie
from oso_gateway.problems import IdempotencyKeyConflict, OngeldigDossier
from oso_shared.auth import UITWISSELBESLUIT, TokenService
from oso_shared.contracts.aflevering import AfleveringMeta, AfleveringOut, RouteOut
from oso_shared.contracts.route import Route
from oso_shared.db import utcnow

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Bestemming:
    """Where an approved exchange goes: from the registry's route, or from its signed decision."""

    aanleverpunt_id: uuid.UUID
    nummer: str
    routeringskenmerk: str
    endpoint: str
    swv_code: str

    @classmethod
    def van_route(cls, route: Route) -> Bestemming:
        """From the answer of a live exchange check."""
        punt = route.aanleverpunt
        return cls(punt.id, punt.nummer, punt.routeringskenmerk, route.endpoint, route.swv.code)


def _check_xml(data: bytes) -> None:
    """Well-formed XML without a DOCTYPE; hardened: no DTD loading, no entity expansion, no network."""
    # A parser per call: lxml parsers are not thread-safe, and this runs in the thread pool.
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise OngeldigDossier("Het dossier is geen goedgevormde XML zonder DTD.") from exc
    if getattr(root.getroottree().docinfo, "doctype", ""):  # lxml-stubs lack DocInfo.doctype
        raise OngeldigDossier("Het dossier is geen goedgevormde XML zonder DTD.")


def route_uit_besluit(tokens: TokenService, meta: AfleveringMeta) -> Bestemming | None:
    """The route of the registry's signed decision, if it holds and is about this very exchange; else None.

    The registry signs every allowed exchange check. The dossier service passes the decision of its check at
    opvraagbaar maken along, so the intake need not ask again while it is fresh (the fetch always asks).
    """
    if not meta.besluit:
        return None
    try:
        claims = tokens.verify_statement(meta.besluit, UITWISSELBESLUIT, uitgever="registry")
        zelfde = (
            claims["dienst"] == meta.dienst
            and claims["brin"] == meta.bron.brin
            and meta.bron.vestigingscode in (None, claims["vestigingscode"])
            and claims["systeem"] == meta.bron.systeem
            and uuid.UUID(str(claims["aanleverpunt"])) == meta.doel.aanleverpunt
        )
        if not zelfde:
            log.info("uitwisselbesluit_niet_voor_deze_aflevering", aflevering_id=str(meta.aflevering_id))
            return None
        return Bestemming(
            aanleverpunt_id=meta.doel.aanleverpunt,
            nummer=str(claims["nummer"]),
            routeringskenmerk=str(claims["routeringskenmerk"]),
            endpoint=str(claims["endpoint"]),
            swv_code=str(claims["swv"]),
        )
    except (jwt.PyJWTError, KeyError, ValueError) as exc:
        # Expired (a delivery retried later) or not ours: the live check decides instead.
        log.info("uitwisselbesluit_niet_bruikbaar", aflevering_id=str(meta.aflevering_id), reden=type(exc).__name__)
        return None


async def aanleveren(
    session: AsyncSession,
    registry: RegistryClient,
    tokens: TokenService,
    key: str,
    meta: AfleveringMeta,
    xml: bytes,
) -> tuple[AfleveringOut, bool]:
    """Take over a delivery exactly once per idempotency key; returns the answer and whether it is new."""
    await repository.lock_key(session, key)
    existing = await repository.get_by_key_or_id(session, key, meta.aflevering_id)
    if existing is not None:
        if existing.id != meta.aflevering_id or existing.idempotency_key != key:
            raise IdempotencyKeyConflict(
                "Deze Idempotency-Key of aflevering_id is al voor een andere aflevering gebruikt."
            )
        return AfleveringOut.model_validate(existing.antwoord), False
    # Parsing is CPU work: keep it off the event loop.
    await asyncio.to_thread(_check_xml, xml)
    route = route_uit_besluit(tokens, meta) or Bestemming.van_route(
        await registry.uitwisselcontrole(
            meta.bron.brin, meta.bron.vestigingscode, meta.bron.systeem, meta.doel.aanleverpunt
        )
    )
    koppelsleutel = secrets.token_urlsafe(32)
    digest = hashlib.sha256(xml).hexdigest()
    now = utcnow()
    antwoord = AfleveringOut(
        aflevering_id=meta.aflevering_id,
        dossier_id=meta.dossier_id,
        status=AfleveringStatus.AANGEMAAKT,
        aangemaakt_op=now,
        grootte=len(xml),
        sha256=digest,
        route=RouteOut(
            aanleverpunt=route.aanleverpunt_id,
            nummer=route.nummer,
            routeringskenmerk=route.routeringskenmerk,
            swv=route.swv_code,
        ),
    )
    aflevering = Aflevering(
        id=meta.aflevering_id,
        idempotency_key=key,
        dossier_id=meta.dossier_id,
        dienst=meta.dienst,
        bron_brin=meta.bron.brin,
        bron_vestigingscode=meta.bron.vestigingscode,
        bron_systeem=meta.bron.systeem,
        aanleverpunt_id=route.aanleverpunt_id,
        aanleverpunt_nummer=route.nummer,
        routeringskenmerk=route.routeringskenmerk,
        swv_code=route.swv_code,
        endpoint=route.endpoint,
        koppelsleutel_hash=hash_koppelsleutel(koppelsleutel),
        status=AfleveringStatus.AANGEMAAKT,
        antwoord=antwoord.model_dump(mode="json"),
        aangemaakt_op=now,
    )
    repository.add(
        session, aflevering, DossierInhoud(aflevering_id=aflevering.id, xml=xml, grootte=len(xml), sha256=digest)
    )
    await session.flush()
    await enqueue_notificatie(session, aflevering, koppelsleutel)
    return antwoord, True
