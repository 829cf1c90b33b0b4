"""SWVs, their aanleverpunten and their school registrations (step 1), with audit."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from sqlalchemy.ext.asyncio import AsyncSession

from oso_registry.audit import repository as audit
from oso_registry.brin import Brin
from oso_registry.gereedheid import gereedheid
from oso_registry.mandaten import repository as mandaten_repo
from oso_registry.organisaties import repository as organisaties_repo
from oso_registry.organisaties.models import SOORT_SCHOOL, School
from oso_registry.organisaties.service import routeringskenmerk
from oso_registry.problems import (
    AanleverpuntBestaatAl,
    EndpointNietToegestaan,
    NummerHoortNietBijSwv,
    OnbekendAanleverpunt,
    OngeldigeSleutel,
    RegistratieAlBeoordeeld,
    RegistratieOnbekend,
    SwvOnbekend,
    VestigingZonderEigenOmgeving,
)
from oso_registry.swv import repository
from oso_registry.swv.models import (
    REGISTRATIE_AANGEVRAAGD,
    REGISTRATIE_ACTIEF,
    REGISTRATIE_AFGEWEZEN,
    Aanleverpunt,
    Samenwerkingsverband,
    SwvRegistratie,
)
from oso_registry.swv.schemas import (
    AanleverpuntNieuw,
    AanleverpuntPubliek,
    RegistratieUit,
    RegistratieVerzoek,
    SwvDetail,
)
from oso_registry.toegang import Actor
from oso_shared.contracts.route import AanleverpuntDetail, AanleverpuntKeuze, SwvKort, SwvUit
from oso_shared.db import utcnow
from oso_shared.egress import endpoint_refusal


def controleer_sleutel(pem: str) -> str:
    """The PEM must hold an Ed25519 public key (the SWV signs its tokens with the private half)."""
    try:
        key = load_pem_public_key(pem.encode())
    except ValueError as exc:
        raise OngeldigeSleutel("De publieke sleutel is geen geldige PEM.") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise OngeldigeSleutel("De publieke sleutel moet een Ed25519-sleutel zijn.")
    return pem.strip() + "\n"


def controleer_endpoint(endpoint: str, *, ontwikkeling: bool) -> str:
    """The SWV's endpoint: https outside development, never an address the gateway refuses to connect to.

    A host name is accepted here; the gateway judges the addresses it resolves to when it connects.
    """
    weigering = endpoint_refusal(endpoint, https_required=not ontwikkeling, allow_loopback=ontwikkeling)
    if weigering is not None:
        raise EndpointNietToegestaan(
            f"Het endpoint is niet toegestaan ({weigering}): gebruik een https-adres op het internet."
        )
    return endpoint


def controleer_nummer(swv_code: str, nummer: str) -> str:
    """An aanleverpunt's number starts with its SWV's four digits (``VO2801`` → ``2801…500``).

    So no SWV can publish a point that reads as another SWV's: the label may be copied, the number cannot.
    """
    cijfers = "".join(c for c in swv_code if c.isdigit())
    if len(cijfers) != 4 or not nummer.startswith(cijfers):
        raise NummerHoortNietBijSwv(
            f"Het aanleverpuntnummer {nummer} hoort niet bij samenwerkingsverband {swv_code}: het moet beginnen "
            f"met de vier cijfers van de SWV-code."
        )
    return nummer


def in_regio(swv: Samenwerkingsverband, school: School, vestigingscode: str | None) -> bool:
    """The school (or that vestiging) has a postcode in the SWV's region (postcode prefixes); unknown: no."""
    if not swv.regio:
        return False
    postcodes = [
        v.postcode.replace(" ", "")
        for v in school.vestigingen
        if v.postcode and (vestigingscode is None or v.vestigingscode == vestigingscode)
    ]
    return any(pc.startswith(tuple(swv.regio)) for pc in postcodes)


def swv_routeringskenmerk(nummer: str) -> str:
    """SWV points: the first four digits of the number (the SWV number) stand where a school has its BRIN4.

    ``2801500`` → ``00000007000`` + ``2801`` + ``00500``, matching the ``…00500`` seen for SWV points.
    """
    return routeringskenmerk(nummer[:4], int(nummer[4:]))


def swv_uit(swv: Samenwerkingsverband) -> SwvUit:
    """SWV as returned by the API."""
    return SwvUit(code=swv.code, naam=swv.naam, systeem=swv.systeem)


def aanleverpunt_detail(ap: Aanleverpunt) -> AanleverpuntDetail:
    """Full aanleverpunt (for the gateway)."""
    return AanleverpuntDetail(
        id=ap.id,
        nummer=ap.nummer,
        label=ap.label,
        routeringskenmerk=ap.routeringskenmerk,
        endpoint=ap.endpoint,
        oin=ap.oin,
        publieke_sleutel=ap.publieke_sleutel,
        swv=swv_uit(ap.swv),
    )


async def get_swv(session: AsyncSession, code: str) -> Samenwerkingsverband:
    """The SWV or 404."""
    swv = await repository.get_swv(session, code)
    if swv is None:
        raise SwvOnbekend(f"Samenwerkingsverband {code} is niet bekend in het register.")
    return swv


async def list_swvs(session: AsyncSession) -> list[SwvUit]:
    """All SWVs."""
    return [swv_uit(s) for s in await repository.list_swvs(session)]


async def swv_detail(session: AsyncSession, code: str) -> SwvDetail:
    """SWV with its public aanleverpunt data."""
    swv = await get_swv(session, code)
    return SwvDetail(
        code=swv.code,
        naam=swv.naam,
        systeem=swv.systeem,
        aanleverpunten=[
            AanleverpuntPubliek(id=a.id, nummer=a.nummer, label=a.label, routeringskenmerk=a.routeringskenmerk)
            for a in swv.aanleverpunten
        ],
    )


async def get_aanleverpunt(session: AsyncSession, ap_id: uuid.UUID) -> AanleverpuntDetail:
    """Full aanleverpunt or 404."""
    ap = await repository.get_aanleverpunt(session, ap_id)
    if ap is None:
        raise OnbekendAanleverpunt("Dit aanleverpunt bestaat niet.")
    return aanleverpunt_detail(ap)


async def maak_aanleverpunt(
    session: AsyncSession, actor: Actor, swv: Samenwerkingsverband, nieuw: AanleverpuntNieuw, *, ontwikkeling: bool
) -> AanleverpuntDetail:
    """Add a delivery point to an SWV (number ending in 500, Ed25519 key and endpoint checked)."""
    sleutel = controleer_sleutel(nieuw.publieke_sleutel)
    controleer_nummer(swv.code, nieuw.nummer)
    controleer_endpoint(nieuw.endpoint, ontwikkeling=ontwikkeling)
    if await repository.aanleverpunt_exists(session, nieuw.id, nieuw.nummer):
        raise AanleverpuntBestaatAl(f"Aanleverpunt {nieuw.nummer} bestaat al.")
    ap = Aanleverpunt(
        id=nieuw.id or uuid.uuid4(),
        swv_code=swv.code,
        nummer=nieuw.nummer,
        label=nieuw.label,
        routeringskenmerk=swv_routeringskenmerk(nieuw.nummer),
        endpoint=nieuw.endpoint,
        oin=nieuw.oin,
        publieke_sleutel=sleutel,
    )
    ap.swv = swv
    repository.add_aanleverpunt(session, ap)
    await audit.add(
        session,
        actor,
        "aanleverpunt_toegevoegd",
        "aanleverpunt",
        str(ap.id),
        na={"nummer": ap.nummer, "label": ap.label, "endpoint": ap.endpoint, "oin": ap.oin},
        swv=swv.code,
    )
    return aanleverpunt_detail(ap)


async def list_keuzes(session: AsyncSession, brin: Brin) -> list[AanleverpuntKeuze]:
    """The "Aanleverpunt Doel" choices of a school or vestiging."""
    return [
        AanleverpuntKeuze(id=a.id, nummer=a.nummer, label=a.label, swv=SwvKort(code=a.swv.code, naam=a.swv.naam))
        for a in await repository.list_aanleverpunten(session, brin4=brin.brin4, vestigingscode=brin.vestigingscode)
    ]


async def registraties_met_gereedheid(
    session: AsyncSession, swv: Samenwerkingsverband, regs: Sequence[SwvRegistratie] | None = None
) -> list[RegistratieUit]:
    """An SWV's registrations with the readiness of each school."""
    if regs is None:
        regs = await repository.list_registraties(session, swv_code=swv.code)
    brins = sorted({r.brin for r in regs})
    scholen = {s.brin: s for s in await organisaties_repo.list_scholen(session, brins=brins, met_vestigingen=True)}
    paren = await mandaten_repo.list_active_pairs(session, brins)
    schoolsystemen = {s.naam for s in await organisaties_repo.list_systemen(session) if s.soort == SOORT_SCHOOL}
    return [
        RegistratieUit(
            id=r.id,
            swv=r.swv_code,
            brin=r.brin + (r.vestigingscode or ""),
            school_naam=scholen[r.brin].naam if r.brin in scholen else None,
            extern=r.brin not in scholen,
            geregistreerd_op=r.geregistreerd_op,
            gereedheid=gereedheid(
                scholen.get(r.brin),
                r.vestigingscode,
                swv.systeem,
                paren.get(r.brin, set()),
                schoolsystemen,
                geregistreerd=r.status == REGISTRATIE_ACTIEF,
            ),
            status=r.status,
        )
        for r in regs
    ]


def _registratie_staat(r: SwvRegistratie) -> dict[str, str | None]:
    return {"swv": r.swv_code, "brin": r.brin, "vestigingscode": r.vestigingscode}


async def registreer(
    session: AsyncSession, actor: Actor, swv: Samenwerkingsverband, brin: Brin
) -> tuple[RegistratieUit, bool]:
    """Step 1: register a school (BRIN4) or a vestiging with its own environment (BRIN6); idempotent.

    Returns the registration and whether it was new.
    """
    school = await organisaties_repo.get_school(session, brin.brin4)
    if brin.vestigingscode is not None and school is not None:
        vestiging = next((v for v in school.vestigingen if v.vestigingscode == brin.vestigingscode), None)
        if vestiging is None or not vestiging.eigen_omgeving:
            raise VestigingZonderEigenOmgeving(
                f"Vestiging {brin} heeft geen eigen omgeving in het schoolsysteem; registreer de school met "
                f"BRIN {brin.brin4}."
            )
    # A school outside the SWV's region is the board's call: the registration waits for its confirmation.
    # Schools we do not know have no board here (and cannot exchange through this register anyway).
    status = (
        REGISTRATIE_ACTIEF if school is None or in_regio(swv, school, brin.vestigingscode) else REGISTRATIE_AANGEVRAAGD
    )
    registratie = await repository.add_registratie(
        session, swv.code, brin.brin4, brin.vestigingscode, actor.wie, status
    )
    nieuw = registratie is not None
    if registratie is None:
        registratie = await repository.get_registratie(session, swv.code, brin.brin4, brin.vestigingscode)
        assert registratie is not None
    else:
        await audit.add(
            session,
            actor,
            "school_geregistreerd" if status == REGISTRATIE_ACTIEF else "registratie_aangevraagd",
            "swv_registratie",
            f"{swv.code}/{brin}",
            na=_registratie_staat(registratie),
            swv=swv.code,
            bestuur=school.bestuur_nummer if school else None,
            brin=brin.brin4,
        )
    [uit] = await registraties_met_gereedheid(session, swv, [registratie])
    return uit, nieuw


async def deregistreer(session: AsyncSession, actor: Actor, swv: Samenwerkingsverband, brin: Brin) -> None:
    """Remove a registration; 404 when there is none."""
    bestaand = await repository.get_registratie(session, swv.code, brin.brin4, brin.vestigingscode)
    if bestaand is None:
        raise RegistratieOnbekend(f"{swv.naam} heeft {brin} niet geregistreerd.")
    school = await organisaties_repo.get_school(session, brin.brin4)
    await audit.add(
        session,
        actor,
        "school_afgemeld",
        "swv_registratie",
        f"{swv.code}/{brin}",
        voor=_registratie_staat(bestaand),
        swv=swv.code,
        bestuur=school.bestuur_nummer if school else None,
        brin=brin.brin4,
    )
    await repository.remove_registratie(session, bestaand)


def _verzoek(r: SwvRegistratie, swv: Samenwerkingsverband, school: School) -> RegistratieVerzoek:
    return RegistratieVerzoek(
        id=r.id,
        swv=SwvKort(code=swv.code, naam=swv.naam),
        brin=r.brin + (r.vestigingscode or ""),
        school_naam=school.naam,
        status=r.status,
        binnen_regio=in_regio(swv, school, r.vestigingscode),
        geregistreerd_op=r.geregistreerd_op,
        beoordeeld_op=r.beoordeeld_op,
    )


async def registraties_van_bestuur(session: AsyncSession, bestuur_nummer: str) -> list[RegistratieVerzoek]:
    """Every SWV registration of the board's schools, pending ones first."""
    scholen = {
        s.brin: s for s in await organisaties_repo.list_scholen(session, bestuur=bestuur_nummer, met_vestigingen=True)
    }
    regs = await repository.list_registraties(session, brins=sorted(scholen))
    swvs = {w.code: w for w in await repository.list_swvs(session)}
    verzoeken = [_verzoek(r, swvs[r.swv_code], scholen[r.brin]) for r in regs]
    return sorted(verzoeken, key=lambda v: v.status != REGISTRATIE_AANGEVRAAGD)


async def get_registratie_met_school(session: AsyncSession, registratie_id: uuid.UUID) -> tuple[SwvRegistratie, School]:
    """A registration (locked) and its school; 404 when either is unknown (an external school has no board here)."""
    registratie = await repository.get_registratie_op_id(session, registratie_id)
    school = None if registratie is None else await organisaties_repo.get_school(session, registratie.brin)
    if registratie is None or school is None:
        raise RegistratieOnbekend("Deze registratie bestaat niet.")
    return registratie, school


async def beoordeel_registratie(
    session: AsyncSession, actor: Actor, registratie: SwvRegistratie, school: School, *, accepteren: bool
) -> RegistratieVerzoek:
    """The board accepts or rejects a pending registration (409 once decided); audited."""
    swv = await get_swv(session, registratie.swv_code)
    if registratie.status != REGISTRATIE_AANGEVRAAGD:
        raise RegistratieAlBeoordeeld(f"Deze registratie door {swv.naam} is al {registratie.status}.")
    voor = {**_registratie_staat(registratie), "status": registratie.status}
    registratie.status = REGISTRATIE_ACTIEF if accepteren else REGISTRATIE_AFGEWEZEN
    registratie.beoordeeld_op = utcnow()
    registratie.beoordeeld_door = actor.wie
    await audit.add(
        session,
        actor,
        "registratie_geaccepteerd" if accepteren else "registratie_afgewezen",
        "swv_registratie",
        f"{swv.code}/{registratie.brin}{registratie.vestigingscode or ''}",
        voor=voor,
        na={**_registratie_staat(registratie), "status": registratie.status},
        swv=swv.code,
        bestuur=school.bestuur_nummer,
        brin=registratie.brin,
    )
    return _verzoek(registratie, swv, school)
