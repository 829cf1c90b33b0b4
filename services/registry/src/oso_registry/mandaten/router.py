"""HTTP routes of mandates (board admin), mandate copies and the board's mandate status (JSON or CSV)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status

from oso_registry.brin import parse_brin4
from oso_registry.deps import PrincipalDep, SessionDep
from oso_registry.mandaten import service
from oso_registry.mandaten.schemas import KopieAanvraag, KopieResultaat, MandaatNieuw, Mandaatstatus, MandaatUit
from oso_registry.organisaties.service import get_school
from oso_registry.problems import BuitenBereik
from oso_registry.toegang import SCHOOLROLLEN, Actor, eis_bestuur_lezen, eis_bestuursbeheerder
from oso_shared.auth import Rol

router = APIRouter(tags=["mandaten"])


@router.get("/scholen/{brin}/mandaten", response_model=list[MandaatUit])
async def mandaten(
    brin: str,
    session: SessionDep,
    principal: PrincipalDep,
    inclusief_ingetrokken: Annotated[bool, Query()] = False,
) -> list[MandaatUit]:
    """A school's mandates: for dienst, the school's board admin and the school itself."""
    school = await get_school(session, parse_brin4(brin))
    eigen_school = principal.rol in SCHOOLROLLEN and principal.school == school.brin
    if not eigen_school:
        if principal.rol not in (Rol.DIENST, Rol.BESTUURSBEHEERDER):
            raise BuitenBereik("De mandaten van deze school vallen buiten je bereik.")
        eis_bestuur_lezen(principal, school.bestuur_nummer)
    return await service.list_mandaten(session, school.brin, inclusief_ingetrokken=inclusief_ingetrokken)


@router.post(
    "/scholen/{brin}/mandaten",
    response_model=MandaatUit,
    status_code=201,
    responses={200: {"model": MandaatUit, "description": "Mandaat bestond al (idempotent)"}},
)
async def verleen(
    brin: str, body: MandaatNieuw, session: SessionDep, principal: PrincipalDep, response: Response
) -> MandaatUit:
    """Board admin: grant a mandate for a (dienst, systeem) pair; granting twice returns the same one."""
    school = await get_school(session, parse_brin4(brin), voor_wijziging=True)
    eis_bestuursbeheerder(principal, school.bestuur_nummer)
    mandaat, nieuw = await service.verleen(session, Actor.van(principal), school, body)
    if not nieuw:
        response.status_code = status.HTTP_200_OK
    return mandaat


@router.delete("/scholen/{brin}/mandaten/{dienst}/{systeem}", response_model=MandaatUit)
async def trek_in(brin: str, dienst: str, systeem: str, session: SessionDep, principal: PrincipalDep) -> MandaatUit:
    """Board admin: revoke the active mandate; 404 ``MANDAAT_NIET_GEVONDEN`` when there is none."""
    school = await get_school(session, parse_brin4(brin), voor_wijziging=True)
    eis_bestuursbeheerder(principal, school.bestuur_nummer)
    return await service.trek_in(session, Actor.van(principal), school, dienst, systeem)


@router.post("/besturen/{nummer}/mandaatkopieen", response_model=KopieResultaat)
async def kopieer(nummer: str, body: KopieAanvraag, session: SessionDep, principal: PrincipalDep) -> KopieResultaat:
    """Board admin: copy a mandate to other schools of the board; ``bevestigen: false`` only previews."""
    eis_bestuursbeheerder(principal, nummer)
    return await service.kopieer(session, Actor.van(principal), nummer, body)


@router.get(
    "/besturen/{nummer}/mandaatstatus",
    response_model=Mandaatstatus,
    responses={200: {"content": {"text/csv": {}}, "description": "JSON, of CSV met Accept: text/csv"}},
)
async def mandaatstatus(
    nummer: str,
    session: SessionDep,
    principal: PrincipalDep,
    accept: Annotated[str, Header()] = "application/json",
) -> Mandaatstatus | Response:
    """Per school and per SWV that registered it, the state of the three setup steps."""
    eis_bestuur_lezen(principal, nummer)
    result = await service.mandaatstatus(session, nummer)
    if "text/csv" in accept:
        return Response(
            service.als_csv(result),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="mandaatstatus-{nummer}.csv"'},
        )
    return result
