"""HTTP routes of SWVs, aanleverpunten and SWV registrations."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status

from oso_registry.brin import parse_brin
from oso_registry.deps import DienstDep, PrincipalDep, SessionDep, SettingsDep
from oso_registry.organisaties.service import get_school
from oso_registry.swv import service
from oso_registry.swv.schemas import (
    AanleverpuntNieuw,
    RegistratieNieuw,
    RegistratieUit,
    RegistratieVerzoek,
    SwvDetail,
)
from oso_registry.toegang import (
    Actor,
    eis_bestuur_lezen,
    eis_bestuursbeheerder,
    eis_school_lezen,
    eis_swv_beheerder,
    eis_swv_lezen,
)
from oso_shared.contracts.route import AanleverpuntDetail, AanleverpuntKeuze, SwvUit

router = APIRouter(tags=["samenwerkingsverbanden"])


@router.get("/swvs", response_model=list[SwvUit])
async def swvs(session: SessionDep, _: PrincipalDep) -> list[SwvUit]:
    """All SWVs (public register data)."""
    return await service.list_swvs(session)


@router.get("/swvs/{code}", response_model=SwvDetail)
async def swv(code: str, session: SessionDep, _: PrincipalDep) -> SwvDetail:
    """One SWV with the public data of its aanleverpunten."""
    return await service.swv_detail(session, code)


@router.post("/swvs/{code}/aanleverpunten", response_model=AanleverpuntDetail, status_code=201)
async def maak_aanleverpunt(
    code: str, body: AanleverpuntNieuw, session: SessionDep, principal: PrincipalDep, settings: SettingsDep
) -> AanleverpuntDetail:
    """SWV admin: add a delivery point (number ending in 500, https endpoint, OIN, Ed25519 public key)."""
    eis_swv_beheerder(principal, code)
    gevonden = await service.get_swv(session, code)
    ontwikkeling = settings.omgeving == "ontwikkeling"
    return await service.maak_aanleverpunt(session, Actor.van(principal), gevonden, body, ontwikkeling=ontwikkeling)


@router.get("/aanleverpunten/{aanleverpunt_id}", response_model=AanleverpuntDetail)
async def aanleverpunt(aanleverpunt_id: uuid.UUID, session: SessionDep, _: DienstDep) -> AanleverpuntDetail:
    """Endpoint, OIN and public key of an aanleverpunt (the gateway verifies SWV tokens with it)."""
    return await service.get_aanleverpunt(session, aanleverpunt_id)


@router.get("/scholen/{brin}/aanleverpunten", response_model=list[AanleverpuntKeuze])
async def aanleverpunten_van_school(
    brin: str,
    session: SessionDep,
    principal: PrincipalDep,
    dienst: Annotated[Literal["OSO-SWV"], Query()] = "OSO-SWV",
) -> list[AanleverpuntKeuze]:
    """The "Aanleverpunt Doel" choices: SWV points of the SWVs that registered this school or vestiging."""
    parsed = parse_brin(brin)
    school = await get_school(session, parsed.brin4)
    eis_school_lezen(principal, school.brin, school.bestuur_nummer)
    return await service.list_keuzes(session, parsed)


@router.get("/swvs/{code}/registraties", response_model=list[RegistratieUit])
async def registraties(code: str, session: SessionDep, principal: PrincipalDep) -> list[RegistratieUit]:
    """The schools this SWV registered, each with the readiness of the three setup steps."""
    eis_swv_lezen(principal, code)
    gevonden = await service.get_swv(session, code)
    return await service.registraties_met_gereedheid(session, gevonden)


@router.post(
    "/swvs/{code}/registraties",
    response_model=RegistratieUit,
    status_code=201,
    responses={200: {"model": RegistratieUit, "description": "Was al geregistreerd"}},
)
async def registreer(
    code: str, body: RegistratieNieuw, session: SessionDep, principal: PrincipalDep, response: Response
) -> RegistratieUit:
    """Step 1 (SWV admin): register a school by BRIN4, or a vestiging with its own environment by BRIN6."""
    eis_swv_beheerder(principal, code)
    parsed = parse_brin(body.brin)
    gevonden = await service.get_swv(session, code)
    uit, nieuw = await service.registreer(session, Actor.van(principal), gevonden, parsed)
    if not nieuw:
        response.status_code = status.HTTP_200_OK
    return uit


@router.delete("/swvs/{code}/registraties/{brin}", status_code=204)
async def deregistreer(code: str, brin: str, session: SessionDep, principal: PrincipalDep) -> Response:
    """SWV admin: remove a registration (404 when there is none)."""
    eis_swv_beheerder(principal, code)
    parsed = parse_brin(brin)
    gevonden = await service.get_swv(session, code)
    await service.deregistreer(session, Actor.van(principal), gevonden, parsed)
    return Response(status_code=204)


@router.get("/besturen/{nummer}/registraties", response_model=list[RegistratieVerzoek])
async def registraties_van_bestuur(
    nummer: str, session: SessionDep, principal: PrincipalDep
) -> list[RegistratieVerzoek]:
    """Board admin: the SWV registrations of the board's schools, the ones awaiting its decision first."""
    eis_bestuur_lezen(principal, nummer)
    return await service.registraties_van_bestuur(session, nummer)


@router.post("/registraties/{registratie_id}/{besluit}", response_model=RegistratieVerzoek)
async def beoordeel_registratie(
    registratie_id: uuid.UUID,
    besluit: Literal["accepteren", "afwijzen"],
    session: SessionDep,
    principal: PrincipalDep,
) -> RegistratieVerzoek:
    """Board admin: accept or reject a registration outside the SWV's region (409 when already decided)."""
    registratie, school = await service.get_registratie_met_school(session, registratie_id)
    eis_bestuursbeheerder(principal, school.bestuur_nummer)
    return await service.beoordeel_registratie(
        session, Actor.van(principal), registratie, school, accepteren=besluit == "accepteren"
    )
