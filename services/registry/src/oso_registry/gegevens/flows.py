"""Importing an ``oso-registry/1`` file: every check first, then an upsert, all in the caller's transaction.

Import is an upsert: every object in the file gets the file's values; mandates and registrations in the
file are made active; nothing that is absent from the file is removed or revoked.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from oso_registry.audit import repository as audit
from oso_registry.brin import parse_brin
from oso_registry.gegevens import repository, schemas
from oso_registry.gegevens.service import VESTIGING_VELDEN, Fout, Pad, Samenvatting, ongeldig
from oso_registry.mandaten import repository as mandaten_repo
from oso_registry.organisaties.models import Bestuur, School, Systeem, Vestiging
from oso_registry.problems import EndpointNietToegestaan, NummerHoortNietBijSwv, OngeldigeSleutel
from oso_registry.swv import repository as swv_repo
from oso_registry.swv.models import Aanleverpunt, Samenwerkingsverband
from oso_registry.swv.service import (
    controleer_endpoint,
    controleer_nummer,
    controleer_sleutel,
    swv_routeringskenmerk,
)
from oso_registry.toegang import Actor
from oso_shared.db import utcnow
from oso_shared.problems import Unprocessable


def _snap(obj: object, velden: Sequence[str]) -> dict[str, Any]:
    return {v: _json(getattr(obj, v)) for v in velden}


def _json(value: object) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


class _Importeur:
    def __init__(
        self, session: AsyncSession, actor: Actor, data: schemas.RegistryData, *, ontwikkeling: bool = False
    ) -> None:
        self.session = session
        self.ontwikkeling = ontwikkeling
        self.actor = actor
        self.data = data
        self.fouten: list[Fout] = []
        self.samenvatting = Samenvatting()

    async def laad_bestaand(self) -> None:
        """Read what the register holds now (the checks compare the file with it)."""
        bestaand = await repository.get_bestaand(self.session)
        self.systemen, self.diensten, self.besturen = bestaand.systemen, bestaand.diensten, bestaand.besturen
        self.scholen, self.swvs, self.aanleverpunten = bestaand.scholen, bestaand.swvs, bestaand.aanleverpunten

    def controleer(self) -> None:
        """All semantic checks before anything is written."""
        soorten = {n: x.soort for n, x in self.systemen.items()}
        for i, sy in enumerate(self.data.systemen):
            if sy.naam in soorten and soorten[sy.naam] != sy.soort and sy.naam in self.systemen:
                self.fouten.append(Fout(("systemen", i, "soort"), f"{sy.naam} is al een {soorten[sy.naam]}-systeem"))
            soorten[sy.naam] = sy.soort
        self.soorten = soorten
        self._controleer_besturen()
        self._controleer_swvs()

    def _controleer_besturen(self) -> None:
        gezien_bestuur: set[str] = set()
        self.eigen_omgeving: dict[tuple[str, str], bool] = {
            (v.brin, v.vestigingscode): v.eigen_omgeving for x in self.scholen.values() for v in x.vestigingen
        }
        self.bekende_brins = set(self.scholen)
        gezien_school: set[str] = set()
        for bi, b in enumerate(self.data.besturen):
            if b.nummer in gezien_bestuur:
                self.fouten.append(Fout(("besturen", bi, "nummer"), f"bestuur {b.nummer} staat dubbel in het bestand"))
            gezien_bestuur.add(b.nummer)
            for si, sc in enumerate(b.scholen):
                pad: Pad = ("besturen", bi, "scholen", si)
                if sc.brin in gezien_school:
                    self.fouten.append(Fout((*pad, "brin"), f"school {sc.brin} staat dubbel in het bestand"))
                gezien_school.add(sc.brin)
                self.bekende_brins.add(sc.brin)
                codes: set[str] = set()
                for vi, v in enumerate(sc.vestigingen):
                    if v.vestigingscode in codes:
                        self.fouten.append(
                            Fout((*pad, "vestigingen", vi, "vestigingscode"), f"vestiging {v.vestigingscode} dubbel")
                        )
                    codes.add(v.vestigingscode)
                    self.eigen_omgeving[(sc.brin, v.vestigingscode)] = v.eigen_omgeving
                for mi, m in enumerate(sc.mandaten):
                    if m.dienst not in self.diensten:
                        self.fouten.append(Fout((*pad, "mandaten", mi, "dienst"), f"onbekende dienst {m.dienst}"))
                    if m.systeem not in self.soorten:
                        self.fouten.append(Fout((*pad, "mandaten", mi, "systeem"), f"onbekend systeem {m.systeem}"))

    def _controleer_swvs(self) -> None:
        gezien_swv: set[str] = set()
        ap_ids: set[uuid.UUID] = set()
        ap_nummers: dict[str, uuid.UUID] = {a.nummer: a.id for a in self.aanleverpunten.values()}
        for wi, w in enumerate(self.data.samenwerkingsverbanden):
            pad: Pad = ("samenwerkingsverbanden", wi)
            if w.code in gezien_swv:
                self.fouten.append(Fout((*pad, "code"), f"samenwerkingsverband {w.code} staat dubbel in het bestand"))
            gezien_swv.add(w.code)
            if self.soorten.get(w.systeem) != "swv":
                self.fouten.append(Fout((*pad, "systeem"), f"{w.systeem} is geen bekend SWV-systeem"))
            for ai, a in enumerate(w.aanleverpunten):
                apad: Pad = (*pad, "aanleverpunten", ai)
                if a.id in ap_ids:
                    self.fouten.append(Fout((*apad, "id"), f"aanleverpunt {a.id} staat dubbel in het bestand"))
                ap_ids.add(a.id)
                eigenaar = ap_nummers.get(a.nummer)
                if eigenaar is not None and eigenaar != a.id:
                    self.fouten.append(
                        Fout((*apad, "nummer"), f"nummer {a.nummer} hoort al bij een ander aanleverpunt")
                    )
                ap_nummers[a.nummer] = a.id
                bestaand = self.aanleverpunten.get(a.id)
                if bestaand is not None and bestaand.swv_code != w.code:
                    self.fouten.append(Fout((*apad, "id"), "dit aanleverpunt hoort bij een ander samenwerkingsverband"))
                try:
                    controleer_sleutel(a.publieke_sleutel)
                except OngeldigeSleutel as exc:
                    self.fouten.append(Fout((*apad, "publieke_sleutel"), exc.detail))
                try:
                    controleer_endpoint(a.endpoint, ontwikkeling=self.ontwikkeling)
                except EndpointNietToegestaan as exc:
                    self.fouten.append(Fout((*apad, "endpoint"), exc.detail))
                try:
                    controleer_nummer(w.code, a.nummer)
                except NummerHoortNietBijSwv as exc:
                    self.fouten.append(Fout((*apad, "nummer"), exc.detail))
            for ri, r in enumerate(w.registraties):
                rpad: Pad = (*pad, "registraties", ri)
                try:
                    brin = parse_brin(r)
                except Unprocessable as exc:
                    self.fouten.append(Fout(rpad, exc.detail))
                    continue
                vestiging = (brin.brin4, brin.vestigingscode or "")
                if (
                    brin.vestigingscode is not None
                    and brin.brin4 in self.bekende_brins
                    and not self.eigen_omgeving.get(vestiging, False)
                ):
                    self.fouten.append(
                        Fout(rpad, f"vestiging {brin} heeft geen eigen omgeving; registreer {brin.brin4}")
                    )

    async def pas_toe(self) -> None:
        """Write the file: systems and boards (with schools) first, then the SWVs that refer to them."""
        for sy in self.data.systemen:
            await self._systeem(sy)
        for b in self.data.besturen:
            await self._bestuur(b)
        await self.session.flush()
        for w in self.data.samenwerkingsverbanden:
            await self._swv(w)
        await self.session.flush()

    async def _systeem(self, sy: schemas.SysteemData) -> None:
        if sy.naam not in self.systemen:
            repository.add(self.session, Systeem(naam=sy.naam, soort=sy.soort))
            await audit.add(self.session, self.actor, "systeem_toegevoegd", "systeem", sy.naam, na=sy.model_dump())
            self.samenvatting.tel("systemen")

    async def _bestuur(self, b: schemas.BestuurData) -> None:
        bestuur = self.besturen.get(b.nummer)
        if bestuur is None:
            bestuur = Bestuur(nummer=b.nummer, naam=b.naam)
            repository.add(self.session, bestuur)
            await audit.add(
                self.session,
                self.actor,
                "bestuur_toegevoegd",
                "bestuur",
                b.nummer,
                na={"naam": b.naam},
                bestuur=b.nummer,
            )
            self.samenvatting.tel("besturen")
        elif bestuur.naam != b.naam:
            voor = {"naam": bestuur.naam}
            bestuur.naam = b.naam
            await audit.add(
                self.session,
                self.actor,
                "bestuur_gewijzigd",
                "bestuur",
                b.nummer,
                voor=voor,
                na={"naam": b.naam},
                bestuur=b.nummer,
            )
            self.samenvatting.tel("besturen")
        await self.session.flush()
        for sc in b.scholen:
            await self._school(b.nummer, sc)

    async def _school(self, bestuur: str, sc: schemas.SchoolData) -> None:
        school = self.scholen.get(sc.brin)
        if school is None:
            school = School(brin=sc.brin, naam=sc.naam, bestuur_nummer=bestuur)
            school.vestigingen = []
            repository.add(self.session, school)
            voor = None
        else:
            voor = self._school_staat(school)
        school.naam, school.bestuur_nummer = sc.naam, bestuur
        if sc.oso_swv_geregistreerd and school.oso_swv_geregistreerd_op is None:
            school.oso_swv_geregistreerd_op, school.oso_swv_geregistreerd_door = utcnow(), self.actor.wie
        elif not sc.oso_swv_geregistreerd:
            school.oso_swv_geregistreerd_op = school.oso_swv_geregistreerd_door = None
        na = self._school_staat(school)
        if voor != na:
            await audit.add(
                self.session,
                self.actor,
                "school_geimporteerd",
                "school",
                sc.brin,
                voor=voor,
                na=na,
                bestuur=bestuur,
                brin=sc.brin,
            )
            self.samenvatting.tel("scholen")
        await self.session.flush()
        bestaande = {v.vestigingscode: v for v in school.vestigingen}
        for v in sc.vestigingen:
            await self._vestiging(school, bestaande.get(v.vestigingscode), v)
        for m in sc.mandaten:
            await self._mandaat(school, m)

    @staticmethod
    def _school_staat(school: School) -> dict[str, Any]:
        return {
            "naam": school.naam,
            "bestuur": school.bestuur_nummer,
            "oso_swv_geregistreerd": school.oso_swv_geregistreerd_op is not None,
        }

    @staticmethod
    def _vestiging_staat(v: Vestiging) -> dict[str, Any]:
        staat = {k: getattr(v, k) for k in VESTIGING_VELDEN if k != "aanleverpunt_ingesteld"}
        staat["aanleverpunt_ingesteld"] = v.aanleverpunt_ingesteld_op is not None
        return staat

    async def _vestiging(self, school: School, vestiging: Vestiging | None, v: schemas.VestigingData) -> None:
        voor = None if vestiging is None else self._vestiging_staat(vestiging)
        if vestiging is None:
            vestiging = Vestiging(brin=school.brin, vestigingscode=v.vestigingscode)
            repository.add(self.session, vestiging)
        for k in VESTIGING_VELDEN:
            if k != "aanleverpunt_ingesteld":
                setattr(vestiging, k, getattr(v, k))
        if v.aanleverpunt_ingesteld and vestiging.aanleverpunt_ingesteld_op is None:
            vestiging.aanleverpunt_ingesteld_op = utcnow()
        elif not v.aanleverpunt_ingesteld:
            vestiging.aanleverpunt_ingesteld_op = None
        na = self._vestiging_staat(vestiging)
        if voor != na:
            vestiging.gewijzigd_op = utcnow()
            await audit.add(
                self.session,
                self.actor,
                "vestiging_geimporteerd",
                "vestiging",
                school.brin + v.vestigingscode,
                voor=voor,
                na=na,
                bestuur=school.bestuur_nummer,
                brin=school.brin,
            )
            self.samenvatting.tel("vestigingen")

    async def _mandaat(self, school: School, m: schemas.MandaatData) -> None:
        nieuw = await mandaten_repo.add(self.session, school.brin, m.dienst, m.systeem, self.actor.wie)
        if nieuw is not None:
            await audit.add(
                self.session,
                self.actor,
                "mandaat_verleend",
                "mandaat",
                f"{school.brin}/{m.dienst}/{m.systeem}",
                na={"id": str(nieuw.id), "dienst": m.dienst, "systeem": m.systeem},
                bestuur=school.bestuur_nummer,
                brin=school.brin,
            )
            self.samenvatting.tel("mandaten")

    async def _swv(self, w: schemas.SwvData) -> None:
        swv = self.swvs.get(w.code)
        voor = None if swv is None else {"naam": swv.naam, "systeem": swv.systeem, "regio": list(swv.regio)}
        if swv is None:
            swv = Samenwerkingsverband(code=w.code, naam=w.naam, systeem=w.systeem)
            repository.add(self.session, swv)
        swv.naam, swv.systeem, swv.regio = w.naam, w.systeem, list(w.regio)
        na = {"naam": swv.naam, "systeem": swv.systeem, "regio": list(swv.regio)}
        if voor != na:
            await audit.add(
                self.session,
                self.actor,
                "swv_geimporteerd",
                "samenwerkingsverband",
                w.code,
                voor=voor,
                na=na,
                swv=w.code,
            )
            self.samenvatting.tel("samenwerkingsverbanden")
        await self.session.flush()
        for a in w.aanleverpunten:
            await self._aanleverpunt(w.code, a)
        for r in w.registraties:
            brin = parse_brin(r)
            nieuw = await swv_repo.add_registratie(
                self.session, w.code, brin.brin4, brin.vestigingscode, self.actor.wie
            )
            if nieuw is not None:
                bestuur = self.scholen[brin.brin4].bestuur_nummer if brin.brin4 in self.scholen else None
                await audit.add(
                    self.session,
                    self.actor,
                    "school_geregistreerd",
                    "swv_registratie",
                    f"{w.code}/{brin}",
                    na={"swv": w.code, "brin": brin.brin4, "vestigingscode": brin.vestigingscode},
                    swv=w.code,
                    bestuur=bestuur,
                    brin=brin.brin4,
                )
                self.samenvatting.tel("registraties")

    async def _aanleverpunt(self, swv_code: str, a: schemas.AanleverpuntData) -> None:
        ap = self.aanleverpunten.get(a.id)
        velden = ("nummer", "label", "endpoint", "oin", "publieke_sleutel")
        voor = None if ap is None else _snap(ap, velden)
        if ap is None:
            ap = Aanleverpunt(id=a.id, swv_code=swv_code)
            repository.add(self.session, ap)
        ap.nummer, ap.label, ap.endpoint, ap.oin = a.nummer, a.label, a.endpoint, a.oin
        ap.publieke_sleutel = controleer_sleutel(a.publieke_sleutel)
        ap.routeringskenmerk = swv_routeringskenmerk(a.nummer)
        na = _snap(ap, velden)
        if voor != na:
            await audit.add(
                self.session,
                self.actor,
                "aanleverpunt_geimporteerd",
                "aanleverpunt",
                str(a.id),
                voor=voor,
                na=na,
                swv=swv_code,
            )
            self.samenvatting.tel("aanleverpunten")


async def importeer(
    session: AsyncSession,
    actor: Actor,
    data: schemas.RegistryData,
    tekst: str | None = None,
    *,
    ontwikkeling: bool = False,
) -> Samenvatting:
    """Load a whole file in the caller's transaction; any error raises and nothing is kept.

    ``ontwikkeling`` accepts http and loopback endpoints (the demo receiver); elsewhere https is required.
    """
    importeur = _Importeur(session, actor, data, ontwikkeling=ontwikkeling)
    await importeur.laad_bestaand()
    importeur.controleer()
    if importeur.fouten:
        raise ongeldig(importeur.fouten, tekst)
    try:
        await importeur.pas_toe()
    except IntegrityError as exc:
        raise ongeldig([Fout((), f"de database weigerde de gegevens: {exc.orig}")], None) from exc
    return importeur.samenvatting
