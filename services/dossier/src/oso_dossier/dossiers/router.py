"""HTTP API of VO-SWV dossiers (`/v1/dossiers`): compose, actions, timeline, XML and PDF."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Response, status

from oso_dossier.deps import RegistryDep, SessionDep, SettingsDep, ZorgcoordinatorDep
from oso_dossier.dossiers import flows, keuzes, service
from oso_dossier.dossiers.schemas import (
    DossierIn,
    DossierSamenvatting,
    DossierUit,
    DossierWijziging,
    Keuzes,
    TijdlijnItem,
)

router = APIRouter(prefix="/dossiers", tags=["dossiers"])
keuzes_router = APIRouter(prefix="/dossierkeuzes", tags=["dossiers"])


@router.get("", response_model=list[DossierSamenvatting])
async def lijst(
    session: SessionDep, principal: ZorgcoordinatorDep, leerling_id: uuid.UUID | None = Query(default=None)
) -> list[DossierSamenvatting]:
    """Dossiers of the caller's school (optionally of one leerling)."""
    return await service.lijst(session, principal, leerling_id)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=DossierUit)
async def maak(
    session: SessionDep, principal: ZorgcoordinatorDep, registry: RegistryDep, body: DossierIn
) -> DossierUit:
    """Create a VO-SWV dossier (concept)."""
    dossier = await service.maak(session, principal, registry, body)
    return await service.uit(session, dossier)


@router.get("/{dossier_id}", response_model=DossierUit)
async def haal(session: SessionDep, principal: ZorgcoordinatorDep, dossier_id: uuid.UUID) -> DossierUit:
    """One dossier with state, validation result, bijlagen and terugkoppeling."""
    return await service.uit(session, await service.haal(session, principal, dossier_id))


@router.patch("/{dossier_id}", response_model=DossierUit)
async def wijzig(
    session: SessionDep, principal: ZorgcoordinatorDep, dossier_id: uuid.UUID, body: DossierWijziging
) -> DossierUit:
    """Change the optional parts or category choices of a draft."""
    return await service.uit(session, await service.wijzig(session, principal, dossier_id, body))


@router.delete("/{dossier_id}", status_code=status.HTTP_204_NO_CONTENT)
async def verwijder(session: SessionDep, principal: ZorgcoordinatorDep, dossier_id: uuid.UUID) -> Response:
    """Delete a draft (409 after opvraagbaar)."""
    await service.verwijder(session, principal, dossier_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{dossier_id}/voltooien", response_model=DossierUit)
async def voltooien(
    session: SessionDep, principal: ZorgcoordinatorDep, settings: SettingsDep, dossier_id: uuid.UUID
) -> DossierUit:
    """Voltooien: finish composing; the dossier is generated."""
    return await service.uit(session, await flows.voltooi(session, principal, dossier_id, settings))


@router.post("/{dossier_id}/genereren", response_model=DossierUit)
async def genereren(
    session: SessionDep, principal: ZorgcoordinatorDep, settings: SettingsDep, dossier_id: uuid.UUID
) -> DossierUit:
    """(Opnieuw) genereren dossier from the current data."""
    return await service.uit(session, await flows.genereer(session, principal, dossier_id, settings))


@router.post("/{dossier_id}/valideren", response_model=DossierUit)
async def valideren(session: SessionDep, principal: ZorgcoordinatorDep, dossier_id: uuid.UUID) -> DossierUit:
    """Valideren: validation result in `validatie` ("Het dossier is correct bevonden" or the findings)."""
    return await service.uit(session, await flows.valideer(session, principal, dossier_id))


@router.post("/{dossier_id}/opvraagbaar-maken", response_model=DossierUit)
async def opvraagbaar_maken(
    session: SessionDep, principal: ZorgcoordinatorDep, registry: RegistryDep, dossier_id: uuid.UUID
) -> DossierUit:
    """Opvraagbaar maken: irreversible; notifies the SWV through the oso-gateway."""
    dossier, bijlagen = await flows.opvraagbaar_maken(session, principal, dossier_id, registry)
    return await service.uit(session, dossier, met_actueel=False, bijlagen=bijlagen)


@router.get("/{dossier_id}/tijdlijn", response_model=list[TijdlijnItem])
async def tijdlijn(session: SessionDep, principal: ZorgcoordinatorDep, dossier_id: uuid.UUID) -> list[TijdlijnItem]:
    """States with timestamps and actor."""
    return await service.tijdlijn(session, principal, dossier_id)


@router.get("/{dossier_id}/xml", response_class=Response, responses={200: {"content": {"application/xml": {}}}})
async def xml(session: SessionDep, principal: ZorgcoordinatorDep, dossier_id: uuid.UUID) -> Response:
    """The generated OSO XML."""
    return Response(await service.xml(session, principal, dossier_id), media_type="application/xml")


@router.get("/{dossier_id}/pdf", response_class=Response, responses={200: {"content": {"application/pdf": {}}}})
async def pdf(session: SessionDep, principal: ZorgcoordinatorDep, dossier_id: uuid.UUID) -> Response:
    """PDF genereren: a readable Dutch PDF of the dossier."""
    data = await service.pdf(session, principal, dossier_id)
    return Response(
        data, media_type="application/pdf", headers={"content-disposition": 'inline; filename="dossier.pdf"'}
    )


@keuzes_router.get("", response_model=Keuzes)
async def dossierkeuzes(principal: ZorgcoordinatorDep, registry: RegistryDep) -> Keuzes:
    """Choices for a new VO-SWV dossier: aanvragende school (vestiging), aanleverpunt doel, optional categories."""
    return await keuzes.keuzes(principal, registry)
