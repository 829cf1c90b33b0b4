"""The multi-step use cases of a VO-SWV dossier: voltooien, genereren, valideren, opvraagbaar maken, and the
gateway's events about its delivery (including the delivery that failed for good)."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from oso_dossier.audit import repository as audit
from oso_dossier.bijlagen import repository as bijlagen_repo
from oso_dossier.bijlagen.inpakken import zip_base64
from oso_dossier.bijlagen.models import Bijlage
from oso_dossier.clients.registry import SYSTEEM_SCHOOL, RegistryClient
from oso_dossier.dossiers import repository
from oso_dossier.dossiers.models import AFGESLOTEN, RANG, Dossier, Gebeurtenis, Status
from oso_dossier.dossiers.oso_xml import Document, DossierInvoer, bouw
from oso_dossier.dossiers.schemas import MELDING_CORRECT, Categorieen, Ontbrekend
from oso_dossier.dossiers.service import bron_hash, gebeurtenis, haal_bewerkbaar, is_actueel, markeer_gewijzigd
from oso_dossier.leerlingen import repository as leerlingen_repo
from oso_dossier.leerlingen.schemas import LeerlingGegevens
from oso_dossier.outbox.models import AFLEVERING, Outbox
from oso_dossier.problems import (
    AfleveringOnbekend,
    DossierNietActueel,
    DossierNietGegenereerd,
    DossierNietGereed,
    UitwisselingNietToegestaan,
)
from oso_dossier.settings import Settings
from oso_dossier.validation import validate_async
from oso_shared import outbox
from oso_shared.auth import Principal
from oso_shared.contracts import DIENST_SWV
from oso_shared.contracts.aflevering import AfleveringMeta, Bron, Doel
from oso_shared.contracts.gebeurtenissen import GebeurtenisFout, GebeurtenisIn, GebeurtenisResultaat
from oso_shared.contracts.route import Uitwisselcontrole
from oso_shared.db import utcnow

# ---------------------------------------------------------------------------------------------------- generate


async def _invoer(session: AsyncSession, dossier: Dossier, settings: Settings) -> tuple[DossierInvoer, str]:
    leerling = await leerlingen_repo.get_any(session, dossier.leerling_id)
    assert leerling is not None
    bijlagen = await bijlagen_repo.list(session, dossier.id)
    keuzes = Categorieen.model_validate(dossier.categorieen or {}).model_dump()
    documenten: list[Document] = []
    if keuzes["cat_bijlagedocs"]:
        for b in bijlagen:
            documenten.append(Document(b.bestandsnaam, b.omschrijving, await zip_base64(session, b)))
    invoer = DossierInvoer(
        leerling=LeerlingGegevens.model_validate(leerling.gegevens),
        leerlingnummer=leerling.leerlingnummer,
        school=dossier.school,
        opties=dossier.opties or {},
        categorieen=keuzes,
        documenten=documenten,
        datum=utcnow().date(),
        pakketnaam=settings.pakketnaam,
        pakketversie=settings.pakketversie,
    )
    return invoer, bron_hash(dossier, leerling, bijlagen)


async def _genereer(session: AsyncSession, dossier: Dossier, principal: Principal, settings: Settings) -> None:
    invoer, hash_ = await _invoer(session, dossier, settings)
    xml = await asyncio.to_thread(bouw, invoer)
    sha = hashlib.sha256(xml).hexdigest()
    if sha != dossier.xml_sha256:
        await markeer_gewijzigd(session, dossier, principal, "opnieuw gegenereerd")
    dossier.xml = xml
    dossier.xml_sha256 = sha
    dossier.xml_grootte = len(xml)
    dossier.bron_hash = hash_
    dossier.gegenereerd_op = utcnow()


async def genereer(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID, settings: Settings) -> Dossier:
    """(Opnieuw) genereren: build the OSO XML from the current data and store it."""
    dossier = await haal_bewerkbaar(session, principal, dossier_id)
    await _genereer(session, dossier, principal, settings)
    await audit.add(session, principal, "dossier_gegenereerd", leerling_id=dossier.leerling_id, dossier_id=dossier.id)
    return dossier


async def voltooi(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID, settings: Settings) -> Dossier:
    """Voltooien: the composition is complete; the dossier is generated from it."""
    dossier = await haal_bewerkbaar(session, principal, dossier_id)
    dossier.voltooid_op = utcnow()
    await _genereer(session, dossier, principal, settings)
    await audit.add(session, principal, "dossier_voltooid", leerling_id=dossier.leerling_id, dossier_id=dossier.id)
    return dossier


# ---------------------------------------------------------------------------------------------------- validate


async def valideer(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID) -> Dossier:
    """Valideren: run the official checks on the generated XML and store the result."""
    dossier = await haal_bewerkbaar(session, principal, dossier_id)
    xml_bytes = await repository.get_xml(session, dossier.id)
    if xml_bytes is None:
        raise DossierNietGegenereerd("Genereer het dossier eerst (Voltooien of Opnieuw genereren).")
    if not await is_actueel(session, dossier):
        raise DossierNietActueel(
            "De gegevens zijn gewijzigd sinds het dossier is gegenereerd. Genereer het dossier opnieuw."
        )
    report = await validate_async(xml_bytes)
    findings = [f.to_dict() for f in report.findings]
    tekst = MELDING_CORRECT if report.valid else f"Het dossier bevat {len(report.errors)} fout(en)."
    dossier.validatie = {
        "valid": report.valid,
        "xsd_toegepast": report.xsd_toegepast,
        "melding": tekst,
        "op": utcnow().isoformat(),
        "findings": findings,
    }
    if report.valid:
        dossier.status = Status.GEVALIDEERD
        dossier.gevalideerd_xml_sha256 = dossier.xml_sha256
        repository.add(session, gebeurtenis(dossier, Status.GEVALIDEERD, principal.sub))
    else:
        dossier.status = Status.CONCEPT
        dossier.gevalideerd_xml_sha256 = None
        repository.add(
            session, gebeurtenis(dossier, "validatie_afgekeurd", principal.sub, reden=tekst, aantal=len(findings))
        )
    dossier.gewijzigd_op = utcnow()
    await audit.add(
        session,
        principal,
        "dossier_gevalideerd",
        leerling_id=dossier.leerling_id,
        dossier_id=dossier.id,
        details={"valid": report.valid, "fouten": len(report.errors)},
    )
    return dossier


# ---------------------------------------------------------------------------------------------------- opvraagbaar


async def _eigen_stappen(session: AsyncSession, dossier: Dossier, bijlagen: Sequence[Bijlage]) -> list[Ontbrekend]:
    """What the zorgcoördinator still has to do before the dossier may go out."""
    if dossier.status != Status.GEVALIDEERD or dossier.gevalideerd_xml_sha256 is None:
        return [
            Ontbrekend(code="DOSSIER_NIET_GEVALIDEERD", wie="zorgcoordinator", uitleg="Valideer het dossier eerst.")
        ]
    if dossier.gevalideerd_xml_sha256 != dossier.xml_sha256 or not await is_actueel(session, dossier, bijlagen):
        return [
            Ontbrekend(
                code="DOSSIER_GEWIJZIGD_NA_VALIDATIE",
                wie="zorgcoordinator",
                uitleg="De gegevens zijn gewijzigd na het valideren. Genereer en valideer het dossier opnieuw.",
            )
        ]
    return []


def _meta(dossier: Dossier, aflevering_id: uuid.UUID, controle: Uitwisselcontrole) -> AfleveringMeta:
    """The ``meta`` part of the delivery to the gateway."""
    return AfleveringMeta(
        aflevering_id=aflevering_id,
        dossier_id=str(dossier.id),
        dienst=DIENST_SWV,
        bron=Bron(brin=dossier.brin, vestigingscode=dossier.vestigingscode, systeem=SYSTEEM_SCHOOL),
        doel=Doel(aanleverpunt=uuid.UUID(dossier.aanleverpunt["id"])),
        # The registry's signed decision: the gateway takes its route from it instead of asking again.
        besluit=controle.route.besluit if controle.route is not None else None,
    )


async def opvraagbaar_maken(
    session: AsyncSession, principal: Principal, dossier_id: uuid.UUID, registry: RegistryClient
) -> tuple[Dossier, Sequence[Bijlage]]:
    """Opvraagbaar maken: check every step, then in ONE transaction set the state and write the outbox row.

    Returns the dossier and its bijlagen (read once here, reused for the answer).
    """
    dossier = await haal_bewerkbaar(session, principal, dossier_id)
    bijlagen = await bijlagen_repo.list(session, dossier.id)
    ontbrekend = await _eigen_stappen(session, dossier, bijlagen)
    # For the dossier's own vestiging: its aanleverpunt setting is what the gateway's route depends on.
    controle = await registry.uitwisselcontrole(dossier.brin, dossier.vestigingscode, dossier.aanleverpunt["id"])
    registry_ontbrekend = [Ontbrekend.model_validate(o.model_dump()) for o in controle.ontbrekend]
    if not controle.toegestaan and not registry_ontbrekend:
        registry_ontbrekend.append(
            Ontbrekend(
                code="UITWISSELING_GEWEIGERD",
                wie="school",
                uitleg="Het serviceregister staat deze uitwisseling niet toe.",
            )
        )
    ontbrekend.extend(registry_ontbrekend)
    if ontbrekend:
        await audit.add(
            session,
            principal,
            "opvraagbaar_maken_geweigerd",
            leerling_id=dossier.leerling_id,
            dossier_id=dossier.id,
            details={"codes": [o.code for o in ontbrekend]},
        )
        cls = UitwisselingNietToegestaan if registry_ontbrekend else DossierNietGereed
        raise cls(
            "Het dossier kan nog niet opvraagbaar worden gemaakt. Los eerst de ontbrekende stappen op.",
            ontbrekend=[o.model_dump() for o in ontbrekend],
        )
    aflevering_id = uuid.uuid4()
    dossier.status = Status.OPVRAAGBAAR
    dossier.aflevering_id = aflevering_id
    dossier.gewijzigd_op = utcnow()
    swv = controle.route.swv.code if controle.route is not None else None
    repository.add(
        session, gebeurtenis(dossier, Status.OPVRAAGBAAR, principal.sub, aflevering_id=str(aflevering_id), swv=swv)
    )
    meta = _meta(dossier, aflevering_id, controle)
    # Same transaction as the state change: either both happen or neither (no "send after commit").
    # Not flushed before the insert: the state change, its gebeurtenis and the audit row go out in one flush.
    with session.no_autoflush:
        await outbox.enqueue(
            session, Outbox, AFLEVERING, f"aflevering:{aflevering_id}", meta.model_dump(mode="json", exclude_none=True)
        )
    await audit.add(
        session,
        principal,
        "dossier_opvraagbaar_gemaakt",
        leerling_id=dossier.leerling_id,
        dossier_id=dossier.id,
        details={"aflevering_id": str(aflevering_id)},
    )
    return dossier, bijlagen


async def markeer_mislukt(session: AsyncSession, aflevering_id: uuid.UUID, reden: str) -> None:
    """The delivery to the gateway failed for good: record it on the dossier."""
    dossier = await repository.get_by_aflevering(session, aflevering_id, for_update=True)
    if dossier is None or dossier.status != Status.OPVRAAGBAAR:
        return
    dossier.status = Status.MISLUKT
    dossier.mislukt_reden = reden
    dossier.afgesloten_op = utcnow()
    repository.add(session, gebeurtenis(dossier, Status.MISLUKT, "dienst:dossier-worker", reden=reden))
    await audit.add(session, None, "aflevering_mislukt", dossier_id=dossier.id, school=dossier.brin)


# ---------------------------------------------------------------------------------------------------- events


def _extern(dossier: Dossier, principal: Principal, event: GebeurtenisIn) -> Gebeurtenis:
    gegevens = {} if event.terugkoppeling is None else {"terugkoppeling": event.terugkoppeling.model_dump()}
    return gebeurtenis(
        dossier, event.soort, principal.sub, reden=event.reden, op=event.op, extern_id=event.gebeurtenis_id, **gegevens
    )


async def _pas_toe(session: AsyncSession, principal: Principal, dossier: Dossier, event: GebeurtenisIn) -> None:
    """A new gateway event moves the dossier forward (never backward) and is audited."""
    doel = Status(event.soort)
    huidig = Status(dossier.status)
    if doel == Status.MISLUKT:
        # A failure after the dossier was fetched does not undo the fetch; it stays on the timeline.
        if huidig not in (Status.OPGEHAALD, Status.TERUGGEKOPPELD):
            dossier.status = Status.MISLUKT
            dossier.mislukt_reden = event.reden or "onbekende reden"
    elif huidig == Status.MISLUKT or RANG[doel] > RANG[huidig]:
        dossier.status = doel
        dossier.mislukt_reden = None
    if event.terugkoppeling is not None:
        dossier.terugkoppeling = {**event.terugkoppeling.model_dump(), "ontvangen_op": event.op.isoformat()}
    if dossier.status in AFGESLOTEN:
        dossier.afgesloten_op = max(dossier.afgesloten_op or event.op, event.op)
    dossier.gewijzigd_op = utcnow()
    await audit.add(
        session,
        principal,
        f"gebeurtenis_{event.soort}",
        leerling_id=dossier.leerling_id,
        dossier_id=dossier.id,
        school=dossier.brin,
        details={"gebeurtenis_id": str(event.gebeurtenis_id)},
    )


async def verwerk_gebeurtenis(session: AsyncSession, principal: Principal, event: GebeurtenisIn) -> tuple[bool, str]:
    """Store a gateway event once; move the dossier forward (never backward). Returns (new, status)."""
    (resultaat,) = await verwerk_gebeurtenissen(session, principal, [event])
    if resultaat.fout is not None:
        raise AfleveringOnbekend(resultaat.fout.detail)
    assert resultaat.status is not None
    return resultaat.verwerkt, resultaat.status


async def verwerk_gebeurtenissen(
    session: AsyncSession, principal: Principal, events: Sequence[GebeurtenisIn]
) -> list[GebeurtenisResultaat]:
    """Store a bundle of gateway events as :func:`verwerk_gebeurtenis` does each; an unknown aflevering is reported.

    The whole bundle costs a fixed number of statements: one locking read of its dossiers, one insert of its
    events (those seen before are skipped there), and the flush of the state changes.
    """
    dossiers = {
        d.aflevering_id: d for d in await repository.list_by_afleveringen(session, {e.aflevering_id for e in events})
    }
    bekend = [e for e in events if e.aflevering_id in dossiers]
    nieuw = await repository.add_extern(session, [_extern(dossiers[e.aflevering_id], principal, e) for e in bekend])
    onbekend = GebeurtenisFout(code=AfleveringOnbekend.code, detail="Onbekende aflevering.")
    resultaten = [GebeurtenisResultaat(gebeurtenis_id=e.gebeurtenis_id, fout=onbekend) for e in events]
    for index in sorted((i for i, e in enumerate(events) if e.aflevering_id in dossiers), key=lambda i: events[i].op):
        event = events[index]
        dossier = dossiers[event.aflevering_id]
        verwerkt = event.gebeurtenis_id in nieuw
        if verwerkt:
            nieuw.discard(event.gebeurtenis_id)  # the same event twice in one bundle counts once
            await _pas_toe(session, principal, dossier, event)
        resultaten[index] = GebeurtenisResultaat(
            gebeurtenis_id=event.gebeurtenis_id, verwerkt=verwerkt, status=dossier.status
        )
    return resultaten
