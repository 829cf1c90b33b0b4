"""Testing and reading in a Magister export: parse the whole file, then (inlezen, no Fout) write it as a snapshot.

All or nothing: every check runs before the first write, and the writes share the caller's one transaction, so a
Fout anywhere (also on the last line) leaves the inrichting untouched. A file is a full snapshot of its vestiging
and schooljaar: links it no longer has end (``beeindigd_op``); pupils it no longer has are marked uitgeschreven.
The import record, its log and the audit row are written in both modes; testen writes nothing else.
"""

from __future__ import annotations

import enum
import uuid
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from oso_dossier.audit import repository as audit
from oso_dossier.leerlingen.models import Leerling
from oso_dossier.leerlingen.schemas import LeerlingGegevens
from oso_dossier.leerlingimporten import regels, repository
from oso_dossier.leerlingimporten.models import (
    Groep,
    Inschrijving,
    LeerlingGroep,
    LeerlingImport,
    LeerlingMentor,
    Medewerker,
    Verzorger,
)
from oso_dossier.leerlingimporten.parsing import (
    INFO,
    WAARSCHUWING,
    Bestand,
    Limieten,
    Log,
    Melding,
    Soort,
    Tekenset,
    records,
)
from oso_dossier.leerlingimporten.regels import GroepRij, KoppelRij, LeerlingRij, Persoon, Vestigingen
from oso_shared.auth import Principal
from oso_shared.db import utcnow

SUCCESVOL = "succesvol"
FOUTEN_GEVONDEN = "fouten_gevonden"
K = TypeVar("K", LeerlingGroep, LeerlingMentor, Verzorger)


class Modus(enum.StrEnum):
    TESTEN = "testen"
    INLEZEN = "inlezen"


@dataclass(frozen=True)
class Opdracht:
    """What to import: the kind of file, for which school, vestiging and schooljaar, how, and in which mode."""

    brin: str
    soort: Soort
    schooljaar: str
    vestigingscode: str
    tekenset: Tekenset
    modus: Modus


@dataclass(frozen=True)
class Uitkomst:
    leerlingimport: LeerlingImport
    log: Sequence[Melding]


@dataclass
class _Context:
    session: AsyncSession
    opdracht: Opdracht
    log: Log
    schrijven: bool
    import_id: uuid.UUID
    tel: Counter[str]

    def scope(self) -> dict[str, Any]:
        o = self.opdracht
        return {"brin": o.brin, "schooljaar": o.schooljaar, "vestigingscode": o.vestigingscode}


def _lees(
    opdracht: Opdracht,
    chunks: Iterable[bytes],
    vestigingen: Vestigingen,
    log: Log,
    bestand: Bestand,
    limieten: Limieten,
) -> list[Any]:
    """Every importable row of the file for the chosen vestiging, duplicates logged."""
    maak: Callable[..., Any] = {Soort.LEERLINGEN: regels.leerling, Soort.GROEPEN: regels.groep}.get(
        opdracht.soort, regels.koppel
    )
    rijen: list[Any] = []
    eerder: dict[Hashable, int] = {}
    for record in records(chunks, opdracht.soort, opdracht.tekenset, log, bestand, limieten):
        if not regels.op_vestiging(record, opdracht.soort, vestigingen, opdracht.vestigingscode, log):
            continue
        rij = maak(record, log)
        if rij is None:
            continue
        sleutel, naam = _sleutel(rij)
        if sleutel in eerder:
            melding = f"{naam} komt al voor op regel {eerder[sleutel]}."
            if isinstance(rij, KoppelRij):
                log.waarschuwing(rij.regel, None, melding + " Regel overgeslagen.")
            else:
                log.fout(rij.regel, None, melding)
            continue
        eerder[sleutel] = rij.regel
        rijen.append(rij)
    return rijen


def _sleutel(rij: LeerlingRij | GroepRij | KoppelRij) -> tuple[Hashable, str]:
    if isinstance(rij, LeerlingRij):
        return rij.leerlingnummer, f"Stamnr {rij.leerlingnummer}"
    if isinstance(rij, GroepRij):
        return rij.code, f"Groep {rij.code}"
    return (rij.groep, rij.leerlingnummer), f"De koppeling van leerling {rij.leerlingnummer} aan groep {rij.groep}"


async def importeer(
    session: AsyncSession,
    principal: Principal,
    opdracht: Opdracht,
    chunks: Iterable[bytes],
    vestigingen: Vestigingen,
    limieten: Limieten | None = None,
) -> Uitkomst:
    """Test or read in one file; returns the stored import with its log (file order)."""
    log, bestand = Log(), Bestand()
    rijen = _lees(opdracht, chunks, vestigingen, log, bestand, limieten or Limieten())
    ctx = _Context(
        session, opdracht, log, opdracht.modus is Modus.INLEZEN and not log.heeft_fouten, uuid.uuid4(), Counter()
    )
    # With a Fout the counts are still computed (ctx.schrijven is False), so the log says what the file holds.
    await _VERWERK[opdracht.soort](ctx, rijen)
    meldingen = sorted(log.meldingen, key=lambda m: m.regel)
    aantallen = {
        **dict(sorted(ctx.tel.items())),
        "fouten": log.fouten,
        "waarschuwingen": log.aantal(WAARSCHUWING),
        "info": log.aantal(INFO),
    }
    leerlingimport = LeerlingImport(
        id=ctx.import_id,
        brin=opdracht.brin,
        vestigingscode=opdracht.vestigingscode,
        schooljaar=opdracht.schooljaar,
        soort=opdracht.soort.value,
        modus=opdracht.modus.value,
        tekenset=opdracht.tekenset.value,
        status=FOUTEN_GEVONDEN if log.heeft_fouten else SUCCESVOL,
        regels=bestand.regels,
        aantallen=aantallen,
        bestand_sha256=bestand.sha256,
        door=principal.sub,
    )
    await repository.add(session, leerlingimport, meldingen)
    await audit.add(
        session,
        principal,
        f"leerlingimport_{opdracht.modus.value}",
        school=opdracht.brin,
        details={
            "import_id": str(ctx.import_id),
            "soort": opdracht.soort.value,
            "schooljaar": opdracht.schooljaar,
            "vestigingscode": opdracht.vestigingscode,
            "sha256": bestand.sha256,
            "regels": bestand.regels,
            "status": leerlingimport.status,
            "aantallen": aantallen,
        },
    )
    return Uitkomst(leerlingimport, meldingen)


def _vervang(
    ctx: _Context, naam: str, oud: Sequence[K], nieuw: dict[Hashable, K], sleutel: Callable[[K], Hashable]
) -> None:
    """Snapshot of one pupil's links of one kind: keep equal ones, end the rest, add the new ones."""
    bestaand = {sleutel(o): o for o in oud}
    for key, link in bestaand.items():
        if key not in nieuw:
            ctx.tel[f"{naam}_beeindigd"] += 1
            if ctx.schrijven:
                link.beeindigd_op = utcnow()
    for key, link in nieuw.items():
        if key not in bestaand:
            ctx.tel[f"{naam}_nieuw"] += 1
            if ctx.schrijven:
                ctx.session.add(link)


def _per_leerling(links: Iterable[K]) -> dict[uuid.UUID, list[K]]:
    result: dict[uuid.UUID, list[K]] = {}
    for link in links:
        result.setdefault(link.leerling_id, []).append(link)
    return result


def _verzorger_sleutel(v: Verzorger) -> Hashable:
    return (v.volgnummer, v.voorletters, v.tussenvoegsel, v.achternaam, v.geslacht, v.email, v.post_ontvangen)


def _mentor_sleutel(m: LeerlingMentor) -> Hashable:
    return (m.soort, m.volgnummer, m.medewerker_id)


class _Medewerkers:
    """The school's medewerkers by number; new ones are added, known ones get the file's names."""

    def __init__(self, ctx: _Context, bestaand: Iterable[Medewerker]) -> None:
        self.ctx = ctx
        self.per_nummer = {m.nummer: m for m in bestaand}

    def id(self, persoon: Persoon) -> uuid.UUID:
        medewerker = self.per_nummer.get(persoon.nummer)
        if medewerker is None:
            medewerker = Medewerker(id=uuid.uuid4(), brin=self.ctx.opdracht.brin, nummer=persoon.nummer)
            self.per_nummer[persoon.nummer] = medewerker
            self.ctx.tel["medewerkers_nieuw"] += 1
            if self.ctx.schrijven:
                self.ctx.session.add(medewerker)
        if self.ctx.schrijven:
            for veld in ("roepnaam", "tussenvoegsel", "achternaam", "email"):
                if (waarde := getattr(persoon, veld)) is not None:
                    setattr(medewerker, veld, waarde)
        return medewerker.id


def _schoolloopbaan(gegevens: dict[str, Any], rij: LeerlingRij, opdracht: Opdracht) -> None:
    """This schooljaar's step of the schoolloopbaan (an SWV dossier needs one): klas and leerjaar from the file."""
    # OSO jaargroep of VO leerjaar 1-6 is 11-16; other leerjaren (PrO, VSO) the school records by hand.
    jaargroep = f"1{rij.leerjaar}" if rij.leerjaar in {"1", "2", "3", "4", "5", "6"} else None
    eerder = [
        s
        for s in gegevens.get("schoolloopbaan", [])
        if (s.get("schooljaar"), s.get("brincode")) != (opdracht.schooljaar, opdracht.brin)
    ]
    if jaargroep is not None:
        stap = {
            "schooljaar": opdracht.schooljaar,
            "groepscode": rij.klas or f"leerjaar {rij.leerjaar}",
            "jaargroep": jaargroep,
            "brincode": opdracht.brin,
            "vestigingscode": opdracht.vestigingscode,
        }
        eerder.append(stap)
    gegevens["schoolloopbaan"] = sorted(eerder, key=lambda s: str(s.get("schooljaar")))


def _gegevens(leerling: Leerling | None, rij: LeerlingRij, opdracht: Opdracht) -> dict[str, Any]:
    """The pupil's dossier data with the file's person fields, verzorgers and schoolloopbaan (other data stays)."""
    gegevens: dict[str, Any] = dict(leerling.gegevens) if leerling is not None else {"voornamen": [rij.roepnaam]}
    gegevens.update(
        roepnaam=rij.roepnaam,
        achternaam=rij.achternaam,
        geboortedatum=rij.geboortedatum.isoformat(),
        geslacht=rij.geslacht,
    )
    gegevens.pop("voorvoegsel", None)
    if rij.tussenvoegsel:
        gegevens["voorvoegsel"] = rij.tussenvoegsel
    eerder = {(v.get("achternaam"), v.get("voorletters")): v for v in gegevens.get("verzorgers", [])}
    verzorgers = []
    for z in rij.verzorgers:
        v = dict(eerder.get((z.achternaam, z.voorletters), {}))
        v.update(achternaam=z.achternaam)
        for veld, waarde in (("voorletters", z.voorletters), ("voorvoegsel", z.tussenvoegsel)):
            v.pop(veld, None)
            if waarde:
                v[veld] = waarde
        if z.geslacht:
            v["geslacht"] = "1" if z.geslacht == "M" else "2"
        if z.email and not any(c.get("soort") == "e-mail" for c in v.get("communicatie", [])):
            v["communicatie"] = [*v.get("communicatie", []), {"soort": "e-mail", "nummer": z.email}]
        verzorgers.append(v)
    gegevens["verzorgers"] = verzorgers
    _schoolloopbaan(gegevens, rij, opdracht)
    return LeerlingGegevens.model_validate(gegevens).model_dump(mode="json", exclude_none=True)


async def _leerlingen(ctx: _Context, rijen: Sequence[LeerlingRij]) -> None:
    s, o = ctx.session, ctx.opdracht
    leerlingen = {lln.leerlingnummer: lln for lln in await repository.list_leerlingen(s, brin=o.brin)}
    inschrijvingen = {
        i.leerling_id: i for i in await repository.list_inschrijvingen(s, brin=o.brin, schooljaar=o.schooljaar)
    }
    verzorgers = _per_leerling(await repository.list_actief(s, Verzorger, **ctx.scope()))
    mentoren = _per_leerling(await repository.list_actief(s, LeerlingMentor, **ctx.scope()))
    medewerkers = _Medewerkers(ctx, await repository.list_medewerkers(s, brin=o.brin))
    for rij in rijen:
        leerling = leerlingen.pop(rij.leerlingnummer, None)
        ctx.tel["leerlingen_nieuw" if leerling is None else "leerlingen_bijgewerkt"] += 1
        lid = leerling.id if leerling is not None else uuid.uuid4()
        if ctx.schrijven:
            _schrijf_leerling(ctx, leerling, lid, rij, inschrijvingen.get(lid))
        nieuwe_verzorgers: dict[Hashable, Verzorger] = {}
        for z in rij.verzorgers:
            verzorger = Verzorger(leerling_id=lid, import_id=ctx.import_id, **ctx.scope(), **z.model_dump())
            nieuwe_verzorgers[_verzorger_sleutel(verzorger)] = verzorger
        _vervang(ctx, "verzorgers", verzorgers.get(lid, []), nieuwe_verzorgers, _verzorger_sleutel)
        nieuwe_mentoren: dict[Hashable, LeerlingMentor] = {}
        for soort, volgnummer, persoon in rij.mentoren:
            mentor = LeerlingMentor(
                leerling_id=lid,
                import_id=ctx.import_id,
                medewerker_id=medewerkers.id(persoon),
                soort=soort,
                volgnummer=volgnummer,
                **ctx.scope(),
            )
            nieuwe_mentoren[_mentor_sleutel(mentor)] = mentor
        _vervang(ctx, "mentoren", mentoren.get(lid, []), nieuwe_mentoren, _mentor_sleutel)
    for leerling in leerlingen.values():
        inschrijving = inschrijvingen.get(leerling.id)
        vestiging = inschrijving.vestigingscode if inschrijving is not None else leerling.vestigingscode
        if vestiging != o.vestigingscode or (inschrijving is not None and inschrijving.uitgeschreven):
            continue
        ctx.tel["leerlingen_uitgeschreven"] += 1
        _vervang(ctx, "verzorgers", verzorgers.get(leerling.id, []), {}, _verzorger_sleutel)
        _vervang(ctx, "mentoren", mentoren.get(leerling.id, []), {}, _mentor_sleutel)
        if ctx.schrijven:
            if inschrijving is None:
                inschrijving = Inschrijving(id=uuid.uuid4(), leerling_id=leerling.id, **ctx.scope())
                s.add(inschrijving)
            inschrijving.uitgeschreven = True
            inschrijving.import_id = ctx.import_id
            inschrijving.gewijzigd_op = utcnow()


def _schrijf_leerling(
    ctx: _Context, leerling: Leerling | None, lid: uuid.UUID, rij: LeerlingRij, inschrijving: Inschrijving | None
) -> None:
    """Create or update the pupil and its inschrijving; unchanged rows are left alone (no UPDATE, no new time)."""
    o = ctx.opdracht
    if leerling is None:
        leerling = Leerling(id=lid, brin=o.brin, leerlingnummer=rij.leerlingnummer, vestigingscode=o.vestigingscode)
        ctx.session.add(leerling)
    gegevens = _gegevens(leerling if leerling.gegevens else None, rij, o)
    if gegevens != leerling.gegevens or leerling.vestigingscode != o.vestigingscode:
        leerling.gegevens, leerling.vestigingscode, leerling.gewijzigd_op = gegevens, o.vestigingscode, utcnow()
    if inschrijving is None:
        inschrijving = Inschrijving(id=uuid.uuid4(), leerling_id=lid, brin=o.brin, schooljaar=o.schooljaar)
        ctx.session.add(inschrijving)
    velden = {
        "vestigingscode": o.vestigingscode,
        "ilt_code": rij.ilt_code,
        "leerjaar": rij.leerjaar,
        "klas": rij.klas,
        "email": rij.email,
        "vertrekdatum": rij.vertrekdatum,
        "uitgeschreven": False,
    }
    if any(getattr(inschrijving, k) != v for k, v in velden.items()):
        for k, v in {**velden, "import_id": ctx.import_id, "gewijzigd_op": utcnow()}.items():
            setattr(inschrijving, k, v)


def _groep(ctx: _Context, code: str, docent_id: uuid.UUID | None) -> Groep:
    groep = Groep(id=uuid.uuid4(), code=code, docent_id=docent_id, import_id=ctx.import_id, **ctx.scope())
    if ctx.schrijven:
        ctx.session.add(groep)
    return groep


async def _groepen(ctx: _Context, rijen: Sequence[GroepRij]) -> None:
    s = ctx.session
    groepen = {g.code: g for g in await repository.list_groepen(s, **ctx.scope())}
    medewerkers = _Medewerkers(ctx, await repository.list_medewerkers(s, brin=ctx.opdracht.brin))
    for rij in rijen:
        docent_id = medewerkers.id(rij.docent) if rij.docent is not None else None
        groep = groepen.pop(rij.code, None)
        ctx.tel["groepen_nieuw" if groep is None else "groepen_bijgewerkt"] += 1
        if groep is None:
            _groep(ctx, rij.code, docent_id)
        elif ctx.schrijven:
            groep.docent_id, groep.beeindigd_op, groep.import_id = docent_id, None, ctx.import_id
    beeindigd = [g for g in groepen.values() if g.beeindigd_op is None]
    if beeindigd:
        ctx.tel["groepen_beeindigd"] += len(beeindigd)
    if ctx.schrijven:
        nu = utcnow()
        for groep in beeindigd:
            groep.beeindigd_op = nu
        await repository.end_groepkoppelingen(s, [g.id for g in beeindigd], nu)


async def _koppel(ctx: _Context, rijen: Sequence[KoppelRij]) -> None:
    s, o = ctx.session, ctx.opdracht
    leerlingen = {lln.leerlingnummer: lln.id for lln in await repository.list_leerlingen(s, brin=o.brin)}
    groepen = {g.code: g for g in await repository.list_groepen(s, **ctx.scope())}
    actief = {(k.leerling_id, k.groep_id): k for k in await repository.list_actief(s, LeerlingGroep, **ctx.scope())}
    nieuw: dict[Hashable, LeerlingGroep] = {}
    for rij in rijen:
        lid = leerlingen.get(rij.leerlingnummer)
        if lid is None:
            ctx.tel["overgeslagen"] += 1
            ctx.log.waarschuwing(
                rij.regel, "Leerlingnummer", f"Onbekend leerlingnummer {rij.leerlingnummer}; regel overgeslagen."
            )
            continue
        groep = groepen.get(rij.groep)
        if groep is None:
            ctx.log.waarschuwing(
                rij.regel, "Groep", f"Onbekende groep {rij.groep}: aangemaakt in vestiging {o.vestigingscode}."
            )
            ctx.tel["groepen_nieuw"] += 1
            groep = groepen[rij.groep] = _groep(ctx, rij.groep, None)
        elif groep.beeindigd_op is not None and ctx.schrijven:
            groep.beeindigd_op = None
        koppeling = LeerlingGroep(leerling_id=lid, groep_id=groep.id, import_id=ctx.import_id, **ctx.scope())
        nieuw[(lid, groep.id)] = koppeling
    if nieuw:
        ctx.tel["koppelingen"] += len(nieuw)
    bestaand = list(actief.values())
    _vervang(ctx, "koppelingen", bestaand, nieuw, lambda k: (k.leerling_id, k.groep_id))


_VERWERK: dict[Soort, Callable[[_Context, Any], Any]] = {
    Soort.LEERLINGEN: _leerlingen,
    Soort.GROEPEN: _groepen,
    Soort.KOPPEL: _koppel,
}
