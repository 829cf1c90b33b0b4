"""The VO-SWV dossier lifecycle: compose, generate, validate, make available (opvraagbaar), gateway events."""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from oso_dossier.audit import repository as audit
from oso_dossier.bijlagen import repository as bijlagen_repo
from oso_dossier.bijlagen.inpakken import zip_base64
from oso_dossier.bijlagen.models import Bijlage
from oso_dossier.dossiers import repository
from oso_dossier.dossiers.models import AFGESLOTEN, BEVROREN, RANG, Dossier, DossierOutbox, Gebeurtenis, Status
from oso_dossier.dossiers.oso_xml import Document, DossierInvoer, bouw, categorie_waarden
from oso_dossier.dossiers.pdf import render
from oso_dossier.dossiers.schemas import (
    MELDING_CORRECT,
    MELDING_VERSTUURD,
    MELDING_WORDT_VERSTUURD,
    BijlageUit,
    Categorieen,
    Categoriekeuze,
    DossierIn,
    DossierSamenvatting,
    DossierUit,
    DossierWijziging,
    GebeurtenisFout,
    GebeurtenisIn,
    GebeurtenisResultaat,
    Keuzes,
    Ontbrekend,
    Opties,
    TijdlijnItem,
    Validatie,
    Vestigingkeuze,
)
from oso_dossier.leerlingen import repository as leerlingen_repo
from oso_dossier.leerlingen import service as leerlingen_service
from oso_dossier.leerlingen.models import Leerling
from oso_dossier.leerlingen.schemas import LeerlingGegevens
from oso_dossier.registry import RegistryClient
from oso_dossier.settings import Settings
from oso_dossier.validation import validate_async
from oso_shared import outbox
from oso_shared.auth import Principal
from oso_shared.db import utcnow
from oso_shared.problems import Conflict, NotFound, Unprocessable

AFLEVERING = "aflevering"
SYSTEEM_SCHOOL = "Magister"


class DossierNietGevonden(NotFound):
    code = "DOSSIER_NIET_GEVONDEN"
    title = "Dossier niet gevonden"


class DossierBevroren(Conflict):
    code = "DOSSIER_NIET_MEER_WIJZIGBAAR"
    title = "Dossier is opvraagbaar gemaakt en kan niet meer worden gewijzigd of verwijderd"


class DossierNietGegenereerd(Conflict):
    code = "DOSSIER_NIET_GEGENEREERD"
    title = "Dossier is nog niet (opnieuw) gegenereerd"


class DossierNietGereed(Conflict):
    code = "DOSSIER_NIET_GEREED"
    title = "Dossier kan nog niet opvraagbaar worden gemaakt"
    keeps_changes = True  # the refusal's audit row must survive


class UitwisselingNietToegestaan(Conflict):
    code = "UITWISSELING_NIET_TOEGESTAAN"
    title = "Uitwisseling met dit samenwerkingsverband is (nog) niet toegestaan"
    keeps_changes = True  # the refusal's audit row must survive


class VestigingOnbekend(Unprocessable):
    code = "VESTIGING_ONBEKEND"
    title = "Vestiging hoort niet bij deze school"


class AanleverpuntNietToegestaan(Unprocessable):
    code = "AANLEVERPUNT_NIET_TOEGESTAAN"
    title = "Kies een aanleverpunt van een samenwerkingsverband (eindigend op 500)"


class VorigDossierOngeldig(Unprocessable):
    code = "VORIG_DOSSIER_ONGELDIG"
    title = "Een correctie verwijst naar een opvraagbaar gemaakt dossier van dezelfde leerling"


class DossierOpgeschoond(Conflict):
    code = "DOSSIER_OPGESCHOOND"
    title = "De inhoud van dit dossier is na de bewaartermijn verwijderd"


# ---------------------------------------------------------------------------------------------------- helpers


def melding(status: str) -> str | None:
    """The user-facing sentence for the exchange state."""
    if status == Status.OPVRAAGBAAR:
        return MELDING_WORDT_VERSTUURD
    if status in (Status.NOTIFICATIE_VERZONDEN, Status.OPGEHAALD, Status.TERUGGEKOPPELD):
        return MELDING_VERSTUURD
    return None


def _gebeurtenis(dossier: Dossier, soort: str, door: str, *, reden: str | None = None, **gegevens: Any) -> Gebeurtenis:
    return Gebeurtenis(
        id=uuid.uuid4(),
        dossier_id=dossier.id,
        soort=soort,
        op=utcnow(),
        door=door,
        reden=reden,
        gegevens=gegevens or None,
    )


def bijlage_uit(b: Bijlage) -> BijlageUit:
    return BijlageUit(
        id=b.id,
        bestandsnaam=b.bestandsnaam,
        omschrijving=b.omschrijving,
        soort=b.soort,
        mediatype=b.mediatype,
        grootte=b.grootte,
        sha256=b.sha256,
        aangemaakt_op=b.aangemaakt_op,
    )


def bron_hash(dossier: Dossier, leerling: Leerling, bijlagen: Sequence[Bijlage]) -> str:
    """Hash of everything the XML is generated from; a different hash means the dossier changed."""
    bron = {
        "leerling": leerling.gegevens,
        "leerlingnummer": leerling.leerlingnummer,
        "school": dossier.school,
        "aanleverpunt": dossier.aanleverpunt,
        "opties": dossier.opties,
        "categorieen": dossier.categorieen,
        "bijlagen": [[str(b.id), b.sha256, b.bestandsnaam, b.omschrijving] for b in bijlagen],
    }
    return hashlib.sha256(json.dumps(bron, sort_keys=True, default=str).encode()).hexdigest()


def _waarschuwingen(dossier: Dossier, bijlagen: Sequence[Bijlage]) -> list[str]:
    keuzes = Categorieen.model_validate(dossier.categorieen or {})
    result = []
    if not keuzes.cat_overstapadvies and any(v not in (None, "") for v in (dossier.opties or {}).values()):
        result.append(
            "Contact nodig, contactpersoon en aandachtspunten gaan niet mee: "
            "de categorie overstapadvies staat op OPT-UIT."
        )
    if not keuzes.cat_bijlagedocs and bijlagen:
        result.append("De bijlagen gaan niet mee: de categorie bijlagen staat op OPT-UIT.")
    return result


async def uit(
    session: AsyncSession, dossier: Dossier, *, met_actueel: bool = True, bijlagen: Sequence[Bijlage] | None = None
) -> DossierUit:
    """The API view of a dossier (with bijlagen and whether its XML is still current)."""
    if bijlagen is None:
        bijlagen = await bijlagen_repo.lijst(session, dossier.id)
    actueel: bool | None = None
    if met_actueel and dossier.bron_hash is not None and dossier.opgeschoond_op is None:
        leerling = await leerlingen_repo.get_any(session, dossier.leerling_id)
        actueel = leerling is not None and bron_hash(dossier, leerling, bijlagen) == dossier.bron_hash
    return DossierUit(
        id=dossier.id,
        leerling_id=dossier.leerling_id,
        brin=dossier.brin,
        vestigingscode=dossier.vestigingscode,
        status=dossier.status,
        melding=melding(dossier.status),
        school=dossier.school,
        aanleverpunt=dossier.aanleverpunt,
        opties=Opties.model_validate(dossier.opties or {}),
        categorieen=categorie_waarden(dossier.categorieen or {}),
        vorige_dossier_id=dossier.vorige_dossier_id,
        voltooid_op=dossier.voltooid_op,
        gegenereerd_op=dossier.gegenereerd_op,
        xml_grootte=dossier.xml_grootte,
        xml_sha256=dossier.xml_sha256,
        actueel=actueel,
        validatie=Validatie.model_validate(dossier.validatie) if dossier.validatie else None,
        aflevering_id=dossier.aflevering_id,
        mislukt_reden=dossier.mislukt_reden,
        terugkoppeling=dossier.terugkoppeling,
        bijlagen=[bijlage_uit(b) for b in bijlagen],
        waarschuwingen=_waarschuwingen(dossier, bijlagen),
        aangemaakt_op=dossier.aangemaakt_op,
        gewijzigd_op=dossier.gewijzigd_op,
        opgeschoond_op=dossier.opgeschoond_op,
    )


async def haal(
    session: AsyncSession,
    principal: Principal,
    dossier_id: uuid.UUID,
    *,
    for_update: bool = False,
    met_xml: bool = False,
) -> Dossier:
    """The dossier if it belongs to the caller's school; otherwise 404 without leaking that it exists."""
    assert principal.school is not None
    dossier = await repository.get(session, dossier_id, principal.school, for_update=for_update, met_xml=met_xml)
    if dossier is None:
        raise DossierNietGevonden()
    return dossier


async def haal_bewerkbaar(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID) -> Dossier:
    """The dossier, locked, if it may still change (before opvraagbaar); otherwise 409."""
    dossier = await haal(session, principal, dossier_id, for_update=True)
    if dossier.status in BEVROREN:
        raise DossierBevroren(
            "Na opvraagbaar maken kan het dossier niet meer worden gewijzigd of verwijderd. "
            "Maak voor een correctie een nieuw dossier dat naar dit dossier verwijst."
        )
    return dossier


async def markeer_gewijzigd(session: AsyncSession, dossier: Dossier, principal: Principal, wat: str) -> None:
    """A draft changed: a validated dossier goes back to concept (it must be generated and validated again)."""
    dossier.gewijzigd_op = utcnow()
    if dossier.status == Status.GEVALIDEERD:
        dossier.status = Status.CONCEPT
        repository.add(session, _gebeurtenis(dossier, Status.CONCEPT, principal.sub, reden=f"gewijzigd: {wat}"))


# ---------------------------------------------------------------------------------------------------- compose


def _school_snapshot(registry_school: dict[str, Any], vestigingscode: str) -> dict[str, Any] | None:
    """The huidigeschool data of one vestiging from the registry's school document."""
    for vestiging in registry_school.get("vestigingen", []):
        if str(vestiging.get("vestigingscode")) != vestigingscode:
            continue
        adres_bron = vestiging.get("adres") if isinstance(vestiging.get("adres"), dict) else vestiging
        adres = None
        straat = adres_bron.get("straat")
        nummer = adres_bron.get("huisnummer") or adres_bron.get("nummer")
        if straat and nummer and adres_bron.get("postcode") and adres_bron.get("plaats"):
            adres = {
                "straat": str(straat)[:24],
                "nummer": str(nummer),
                "postcode": str(adres_bron["postcode"]).replace(" ", ""),
                "plaats": str(adres_bron["plaats"]),
            }
        return {
            "naam": vestiging.get("naam") or registry_school.get("naam"),
            "brin": registry_school.get("brin", "")[:4],
            "vestigingscode": vestigingscode,
            "aanleverpunt": str(vestiging.get("aanleverpuntnummer", vestiging.get("aanleverpunt", 0))),
            "adres": adres,
            "telefoon": vestiging.get("telefoon") or adres_bron.get("telefoon") or registry_school.get("telefoon"),
            "email": vestiging.get("email")
            or vestiging.get("e_mail")
            or adres_bron.get("email")
            or registry_school.get("email"),
        }
    return None


async def maak(session: AsyncSession, principal: Principal, registry: RegistryClient, data: DossierIn) -> Dossier:
    """Create a VO-SWV dossier (concept) for a leerling of the caller's school."""
    assert principal.school is not None
    leerling = await leerlingen_service.haal(session, principal, data.leerling_id)
    school_doc = await registry.school(principal.school)
    school = _school_snapshot(school_doc, data.vestigingscode)
    if school is None:
        raise VestigingOnbekend("Kies als aanvragende school een vestiging van je eigen school.")
    school["brin"] = principal.school
    punten = await registry.aanleverpunten(principal.school)
    punt = next((p for p in punten if str(p.get("id")) == data.aanleverpunt_id), None)
    if punt is None:
        raise AanleverpuntNietToegestaan(
            "Dit aanleverpunt staat niet in de lijst van SWV-aanleverpunten voor deze school.",
            keuzes=[{"id": p.get("id"), "label": p.get("label")} for p in punten],
        )
    if data.vorige_dossier_id is not None:
        vorige = await repository.get(session, data.vorige_dossier_id, principal.school)
        if vorige is None or vorige.leerling_id != leerling.id or vorige.status not in BEVROREN:
            raise VorigDossierOngeldig("Een correctie verwijst naar een opvraagbaar gemaakt dossier van deze leerling.")
    dossier = Dossier(
        id=uuid.uuid4(),
        leerling_id=leerling.id,
        brin=principal.school,
        vestigingscode=data.vestigingscode,
        status=Status.CONCEPT,
        school=school,
        aanleverpunt={
            "id": str(punt["id"]),
            "nummer": str(punt.get("nummer")),
            "label": punt.get("label"),
            "swv": punt.get("swv"),
        },
        opties=data.opties.model_dump(exclude_none=True),
        categorieen=data.categorieen.model_dump(),
        vorige_dossier_id=data.vorige_dossier_id,
        aangemaakt_door=principal.sub,
    )
    repository.add(session, dossier)
    await session.flush()
    repository.add(session, _gebeurtenis(dossier, Status.CONCEPT, principal.sub))
    await audit.schrijf(
        session,
        principal,
        "dossier_aangemaakt",
        leerling_id=leerling.id,
        dossier_id=dossier.id,
        details={"aanleverpunt": dossier.aanleverpunt["id"], "vorige_dossier_id": str(data.vorige_dossier_id or "")},
    )
    return dossier


async def wijzig(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID, data: DossierWijziging) -> Dossier:
    """Change optional parts and category choices of a draft."""
    dossier = await haal_bewerkbaar(session, principal, dossier_id)
    if data.opties is not None:
        dossier.opties = data.opties.model_dump(exclude_none=True)
    if data.categorieen is not None:
        dossier.categorieen = data.categorieen.model_dump()
    await markeer_gewijzigd(session, dossier, principal, "dossiergegevens")
    await audit.schrijf(session, principal, "dossier_gewijzigd", leerling_id=dossier.leerling_id, dossier_id=dossier.id)
    return dossier


async def verwijder(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID) -> None:
    """Delete a draft (never after opvraagbaar)."""
    dossier = await haal_bewerkbaar(session, principal, dossier_id)
    for bijlage in await bijlagen_repo.lijst(session, dossier.id):
        await bijlagen_repo.verwijder(session, bijlage)
    await repository.verwijder(session, dossier.id)
    await audit.schrijf(
        session, principal, "dossier_verwijderd", leerling_id=dossier.leerling_id, dossier_id=dossier.id
    )


async def lijst(
    session: AsyncSession, principal: Principal, leerling_id: uuid.UUID | None
) -> list[DossierSamenvatting]:
    """Dossiers of the caller's school."""
    assert principal.school is not None
    rows = await repository.lijst(session, principal.school, leerling_id)
    return [
        DossierSamenvatting(
            id=d.id,
            leerling_id=d.leerling_id,
            status=d.status,
            aanleverpunt=d.aanleverpunt,
            aangemaakt_op=d.aangemaakt_op,
            gewijzigd_op=d.gewijzigd_op,
        )
        for d in rows
    ]


# ---------------------------------------------------------------------------------------------------- generate


async def _invoer(session: AsyncSession, dossier: Dossier, settings: Settings) -> tuple[DossierInvoer, str]:
    leerling = await leerlingen_repo.get_any(session, dossier.leerling_id)
    assert leerling is not None
    bijlagen = await bijlagen_repo.lijst(session, dossier.id)
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


async def genereer(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID, settings: Settings) -> Dossier:
    """(Opnieuw) genereren: build the OSO XML from the current data and store it."""
    dossier = await haal_bewerkbaar(session, principal, dossier_id)
    await _genereer(session, dossier, principal, settings)
    await audit.schrijf(
        session, principal, "dossier_gegenereerd", leerling_id=dossier.leerling_id, dossier_id=dossier.id
    )
    return dossier


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


async def voltooi(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID, settings: Settings) -> Dossier:
    """Voltooien: the composition is complete; the dossier is generated from it."""
    dossier = await haal_bewerkbaar(session, principal, dossier_id)
    dossier.voltooid_op = utcnow()
    await _genereer(session, dossier, principal, settings)
    await audit.schrijf(session, principal, "dossier_voltooid", leerling_id=dossier.leerling_id, dossier_id=dossier.id)
    return dossier


async def xml(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID) -> bytes:
    """The generated XML (the school's own copy)."""
    dossier = await haal(session, principal, dossier_id, met_xml=True)
    if dossier.opgeschoond_op is not None:
        raise DossierOpgeschoond()
    if dossier.xml is None:
        raise DossierNietGegenereerd("Genereer het dossier eerst.")
    await audit.schrijf(
        session, principal, "dossier_xml_bekeken", leerling_id=dossier.leerling_id, dossier_id=dossier.id
    )
    return dossier.xml


# ---------------------------------------------------------------------------------------------------- validate


async def _is_actueel(session: AsyncSession, dossier: Dossier, bijlagen: Sequence[Bijlage] | None = None) -> bool:
    leerling = await leerlingen_repo.get_any(session, dossier.leerling_id)
    assert leerling is not None
    if bijlagen is None:
        bijlagen = await bijlagen_repo.lijst(session, dossier.id)
    return dossier.bron_hash == bron_hash(dossier, leerling, bijlagen)


async def valideer(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID) -> Dossier:
    """Valideren: run the official checks on the generated XML and store the result."""
    dossier = await haal_bewerkbaar(session, principal, dossier_id)
    xml_bytes = await repository.xml_van(session, dossier.id)
    if xml_bytes is None:
        raise DossierNietGegenereerd("Genereer het dossier eerst (Voltooien of Opnieuw genereren).")
    if not await _is_actueel(session, dossier):
        raise DossierNietGegenereerd(
            "De gegevens zijn gewijzigd sinds het dossier is gegenereerd. Genereer het dossier opnieuw.",
            code="DOSSIER_NIET_ACTUEEL",
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
        repository.add(session, _gebeurtenis(dossier, Status.GEVALIDEERD, principal.sub))
    else:
        dossier.status = Status.CONCEPT
        dossier.gevalideerd_xml_sha256 = None
        repository.add(
            session, _gebeurtenis(dossier, "validatie_afgekeurd", principal.sub, reden=tekst, aantal=len(findings))
        )
    dossier.gewijzigd_op = utcnow()
    await audit.schrijf(
        session,
        principal,
        "dossier_gevalideerd",
        leerling_id=dossier.leerling_id,
        dossier_id=dossier.id,
        details={"valid": report.valid, "fouten": len(report.errors)},
    )
    return dossier


# ---------------------------------------------------------------------------------------------------- opvraagbaar


async def opvraagbaar_maken(
    session: AsyncSession, principal: Principal, dossier_id: uuid.UUID, registry: RegistryClient
) -> tuple[Dossier, Sequence[Bijlage]]:
    """Opvraagbaar maken: check every step, then in ONE transaction set the state and write the outbox row.

    Returns the dossier and its bijlagen (read once here, reused for the answer).
    """
    dossier = await haal_bewerkbaar(session, principal, dossier_id)
    bijlagen = await bijlagen_repo.lijst(session, dossier.id)
    ontbrekend: list[Ontbrekend] = []
    if dossier.status != Status.GEVALIDEERD or dossier.gevalideerd_xml_sha256 is None:
        ontbrekend.append(
            Ontbrekend(code="DOSSIER_NIET_GEVALIDEERD", wie="zorgcoordinator", uitleg="Valideer het dossier eerst.")
        )
    elif dossier.gevalideerd_xml_sha256 != dossier.xml_sha256 or not await _is_actueel(session, dossier, bijlagen):
        ontbrekend.append(
            Ontbrekend(
                code="DOSSIER_GEWIJZIGD_NA_VALIDATIE",
                wie="zorgcoordinator",
                uitleg="De gegevens zijn gewijzigd na het valideren. Genereer en valideer het dossier opnieuw.",
            )
        )
    # For the dossier's own vestiging: its aanleverpunt setting is what the gateway's route depends on.
    controle = await registry.uitwisselcontrole(dossier.brin, dossier.vestigingscode, dossier.aanleverpunt["id"])
    registry_ontbrekend = [Ontbrekend.model_validate(o) for o in controle.get("ontbrekend") or []]
    if not controle.get("toegestaan") and not registry_ontbrekend:
        registry_ontbrekend.append(
            Ontbrekend(
                code="UITWISSELING_GEWEIGERD",
                wie="school",
                uitleg="Het serviceregister staat deze uitwisseling niet toe.",
            )
        )
    ontbrekend.extend(registry_ontbrekend)
    if ontbrekend:
        await audit.schrijf(
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
    route = controle.get("route") or {}
    repository.add(
        session,
        _gebeurtenis(
            dossier,
            Status.OPVRAAGBAAR,
            principal.sub,
            aflevering_id=str(aflevering_id),
            swv=(route.get("swv") or {}).get("code") if isinstance(route, dict) else None,
        ),
    )
    meta = {
        "aflevering_id": str(aflevering_id),
        "dossier_id": str(dossier.id),
        "dienst": "OSO-SWV",
        "bron": {"brin": dossier.brin, "vestigingscode": dossier.vestigingscode, "systeem": SYSTEEM_SCHOOL},
        "doel": {"aanleverpunt": dossier.aanleverpunt["id"]},
    }
    if isinstance(route, dict) and route.get("besluit"):
        # The registry's signed decision: the gateway takes its route from it instead of asking again.
        meta["besluit"] = route["besluit"]
    # Same transaction as the state change: either both happen or neither (no "send after commit").
    # Not flushed before the insert: the state change, its gebeurtenis and the audit row go out in one flush.
    with session.no_autoflush:
        await outbox.enqueue(session, DossierOutbox, AFLEVERING, f"aflevering:{aflevering_id}", meta)
    await audit.schrijf(
        session,
        principal,
        "dossier_opvraagbaar_gemaakt",
        leerling_id=dossier.leerling_id,
        dossier_id=dossier.id,
        details={"aflevering_id": str(aflevering_id)},
    )
    return dossier, bijlagen


# ---------------------------------------------------------------------------------------------------- events


def _extern(dossier: Dossier, principal: Principal, event: GebeurtenisIn) -> Gebeurtenis:
    gegevens = None if event.terugkoppeling is None else {"terugkoppeling": event.terugkoppeling.model_dump()}
    return Gebeurtenis(
        id=uuid.uuid4(),
        dossier_id=dossier.id,
        soort=event.soort,
        op=event.op,
        door=principal.sub,
        reden=event.reden,
        extern_id=event.gebeurtenis_id,
        gegevens=gegevens,
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
    await audit.schrijf(
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
        raise DossierNietGevonden(resultaat.fout.detail, code=resultaat.fout.code)
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
        d.aflevering_id: d for d in await repository.by_afleveringen(session, {e.aflevering_id for e in events})
    }
    bekend = [e for e in events if e.aflevering_id in dossiers]
    nieuw = await repository.gebeurtenissen_extern(
        session, [_extern(dossiers[e.aflevering_id], principal, e) for e in bekend]
    )
    onbekend = GebeurtenisFout(code="AFLEVERING_ONBEKEND", detail="Onbekende aflevering.")
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


async def tijdlijn(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID) -> list[TijdlijnItem]:
    """The dossier's states with time and actor."""
    dossier = await haal(session, principal, dossier_id)
    rows = await repository.tijdlijn(session, dossier.id)
    return [TijdlijnItem(soort=r.soort, op=r.op, door=r.door, reden=r.reden, gegevens=r.gegevens) for r in rows]


async def markeer_mislukt(session: AsyncSession, aflevering_id: uuid.UUID, reden: str) -> None:
    """The delivery to the gateway failed for good: record it on the dossier."""
    dossier = await repository.by_aflevering(session, aflevering_id, for_update=True)
    if dossier is None or dossier.status != Status.OPVRAAGBAAR:
        return
    dossier.status = Status.MISLUKT
    dossier.mislukt_reden = reden
    dossier.afgesloten_op = utcnow()
    repository.add(session, _gebeurtenis(dossier, Status.MISLUKT, "dienst:dossier-worker", reden=reden))
    await audit.schrijf(session, None, "aflevering_mislukt", dossier_id=dossier.id, school=dossier.brin)


async def pdf(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID) -> bytes:
    """PDF genereren: a readable Dutch PDF of the dossier content."""
    dossier = await haal(session, principal, dossier_id)
    if dossier.opgeschoond_op is not None:
        raise DossierOpgeschoond()
    leerling = await leerlingen_repo.get_any(session, dossier.leerling_id)
    assert leerling is not None
    bijlagen = await bijlagen_repo.lijst(session, dossier.id)
    stappen = await repository.tijdlijn(session, dossier.id)
    data = await asyncio.to_thread(
        render,
        leerling=LeerlingGegevens.model_validate(leerling.gegevens),
        leerlingnummer=leerling.leerlingnummer,
        dossier={
            "status": dossier.status,
            "school": dossier.school,
            "aanleverpunt": dossier.aanleverpunt,
            "opties": dossier.opties,
            "categorieen": dossier.categorieen,
            "terugkoppeling": dossier.terugkoppeling,
        },
        bijlagen=[
            {"bestandsnaam": b.bestandsnaam, "omschrijving": b.omschrijving, "grootte": b.grootte} for b in bijlagen
        ],
        tijdlijn=[{"soort": s.soort, "op": s.op, "reden": s.reden} for s in stappen],
    )
    await audit.schrijf(session, principal, "dossier_pdf", leerling_id=dossier.leerling_id, dossier_id=dossier.id)
    return data


CATEGORIE_LABELS = {
    "cat_ouderinzage": "Ouderinzage",
    "cat_overstapadvies": "Overstapadvies en optionele gegevens (contact, aandachtspunten)",
    "cat_verzuim": "Verzuim",
    "cat_eindtoetsbo": "Eindtoets basisonderwijs",
    "cat_toetsresultaten": "Toetsresultaten",
    "cat_handelingsplannen": "Handelingsplannen",
    "cat_cijferlijsten": "Cijferlijsten",
    "cat_vombo": "Resultaten VO/MBO",
    "cat_bijlagedocs": "Bijlagen",
}
WAARSCHUWING_VO_SWV = (
    "Een VO-SWV-dossier wordt na opvraagbaar maken direct naar het samenwerkingsverband gestuurd "
    "en kan daarna niet meer worden verwijderd of gewijzigd."
)


async def keuzes(principal: Principal, registry: RegistryClient) -> Keuzes:
    """Vestigingen of the caller's school and the SWV aanleverpunten (ending in 500) it may choose from."""
    assert principal.school is not None
    school = await registry.school(principal.school)
    punten = await registry.aanleverpunten(principal.school)
    return Keuzes(
        vestigingen=[
            Vestigingkeuze(vestigingscode=str(v.get("vestigingscode")), naam=str(v.get("naam") or school.get("naam")))
            for v in school.get("vestigingen", [])
        ],
        aanleverpunten=punten,
        optionele_categorieen=[Categoriekeuze(naam=k, label=v) for k, v in CATEGORIE_LABELS.items()],
        waarschuwing=WAARSCHUWING_VO_SWV,
    )
