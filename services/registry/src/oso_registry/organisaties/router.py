"""HTTP routes of besturen, scholen and the school's OSO-SWV setup (step 3)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from oso_registry.brin import VESTIGINGSCODE_PATTERN, parse_brin, parse_brin4
from oso_registry.deps import BestuurLezerDep, PrincipalDep, SchoolbeheerderDep, SessionDep
from oso_registry.organisaties import service
from oso_registry.organisaties.schemas import (
    AanleverpuntInstellen,
    BestuurDetail,
    BestuurUit,
    SchoolKort,
    SchoolUit,
    VestigingUit,
)
from oso_registry.toegang import (
    SCHOOLROLLEN,
    Actor,
    eis_bestuur_lezen,
    eis_eigen_school,
    eis_school_lezen,
)
from oso_shared.auth import Rol

router = APIRouter(tags=["besturen en scholen"])

Brin4Pad = Annotated[str, Path(description="BRIN4 van de school, bijvoorbeeld 99AA.")]


@router.get("/besturen", response_model=list[BestuurUit])
async def besturen(session: SessionDep, principal: BestuurLezerDep) -> list[BestuurUit]:
    """Boards: all for dienst, only its own for a board admin."""
    alleen = principal.bestuur if principal.rol is Rol.BESTUURSBEHEERDER else None
    if principal.rol is Rol.BESTUURSBEHEERDER and alleen is None:
        return []
    return await service.list_besturen(session, alleen)


@router.get("/besturen/{nummer}", response_model=BestuurDetail)
async def bestuur(nummer: str, session: SessionDep, principal: PrincipalDep) -> BestuurDetail:
    """One board with its schools."""
    eis_bestuur_lezen(principal, nummer)
    return await service.bestuur_detail(session, nummer)


@router.get("/scholen", response_model=list[SchoolKort])
async def scholen(
    session: SessionDep,
    principal: PrincipalDep,
    bestuur: Annotated[str | None, Query(max_length=5)] = None,
) -> list[SchoolKort]:
    """Schools in the caller's reach: all (dienst, SWV admin), the board's own, or the school itself."""
    brin: str | None = None
    if principal.rol is Rol.BESTUURSBEHEERDER:
        if bestuur is not None and bestuur != principal.bestuur:
            eis_bestuur_lezen(principal, bestuur)
        bestuur = principal.bestuur or "-"
    elif principal.rol in SCHOOLROLLEN:
        brin = principal.school or "-"
    return list(await service.list_scholen(session, bestuur=bestuur, brin=brin))


@router.get("/scholen/{brin}", response_model=SchoolUit)
async def school(
    brin: Annotated[str, Path(description="BRIN4 (99AA) of BRIN6 (99AA02).")],
    session: SessionDep,
    principal: PrincipalDep,
) -> SchoolUit:
    """School with vestigingen, addresses and aanleverpunten (fills a dossier's huidigeschool block)."""
    parsed = parse_brin(brin)
    gevonden = await service.get_school(session, parsed.brin4)
    eis_school_lezen(principal, gevonden.brin, gevonden.bestuur_nummer)
    return await service.school_detail(session, parsed, gevonden)


@router.put(
    "/scholen/{brin}/vestigingen/{vestigingscode}/aanleverpunt",
    response_model=VestigingUit,
    responses={404: {"description": "School of vestiging onbekend"}},
)
async def stel_aanleverpunt_in(
    brin: Brin4Pad,
    vestigingscode: Annotated[str, Path(pattern=VESTIGINGSCODE_PATTERN)],
    body: AanleverpuntInstellen,
    session: SessionDep,
    principal: SchoolbeheerderDep,
) -> VestigingUit:
    """Step 3 (school admin): set the OSO aanleverpuntnummer of a location."""
    brin4 = parse_brin4(brin)
    eis_eigen_school(principal, brin4, frozenset({Rol.SCHOOLBEHEERDER}))
    gevonden = await service.get_school(session, brin4, voor_wijziging=True)
    return await service.stel_aanleverpunt_in(
        session, Actor.van(principal), gevonden, vestigingscode, body.aanleverpuntnummer
    )


@router.put("/scholen/{brin}/oso-swv-registratie", response_model=SchoolUit)
async def registreer_oso_swv(brin: Brin4Pad, session: SessionDep, principal: SchoolbeheerderDep) -> SchoolUit:
    """Step 3 (school admin): register the school's BRIN for OSO-SWV (idempotent)."""
    brin4 = parse_brin4(brin)
    eis_eigen_school(principal, brin4, frozenset({Rol.SCHOOLBEHEERDER}))
    gevonden = await service.get_school(session, brin4, voor_wijziging=True)
    return await service.registreer_oso_swv(session, Actor.van(principal), gevonden, aan=True)


@router.delete("/scholen/{brin}/oso-swv-registratie", response_model=SchoolUit)
async def meld_oso_swv_af(brin: Brin4Pad, session: SessionDep, principal: SchoolbeheerderDep) -> SchoolUit:
    """Step 3 undone (school admin): deregister the BRIN for OSO-SWV (idempotent)."""
    brin4 = parse_brin4(brin)
    eis_eigen_school(principal, brin4, frozenset({Rol.SCHOOLBEHEERDER}))
    gevonden = await service.get_school(session, brin4, voor_wijziging=True)
    return await service.registreer_oso_swv(session, Actor.van(principal), gevonden, aan=False)
