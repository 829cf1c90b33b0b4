"""Pages: Leerlingen → a leerling (with its Overdrachtsdossiers)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from oso_portal.accounts.service import Aangemeld
from oso_portal.backend import BackendDep
from oso_portal.dossiers import service as dossiers
from oso_portal.leerlingen import service
from oso_portal.web import GeenToegang, render, vereist_rol
from oso_shared.auth import Rol

router = APIRouter(include_in_schema=False)


async def zorgcoordinator(
    gebruiker: Annotated[Aangemeld, Depends(vereist_rol(Rol.ZORGCOORDINATOR))],
) -> Aangemeld:
    """A zorgcoördinator with rights on Overdrachtsdossier."""
    if not gebruiker.mag_overdrachtsdossier:
        raise GeenToegang
    return gebruiker


ZorgcoordinatorDep = Annotated[Aangemeld, Depends(zorgcoordinator)]


@router.get("/leerlingen")
async def lijst(request: Request, gebruiker: ZorgcoordinatorDep, backend: BackendDep) -> Response:
    """All leerlingen of the user's school."""
    leerlingen = await service.lijst(backend, gebruiker)
    return render(
        request, "leerlingen/lijst.html", {"leerlingen": leerlingen, "actief": "leerlingen"}, gebruiker=gebruiker
    )


@router.get("/leerlingen/{leerling_id}")
async def detail(
    request: Request, leerling_id: uuid.UUID, gebruiker: ZorgcoordinatorDep, backend: BackendDep
) -> Response:
    """One leerling with the tab Overdrachtsdossier listing its dossiers."""
    leerling = await service.haal(backend, gebruiker, leerling_id)
    lijst = await dossiers.van_leerling(backend, gebruiker, leerling_id)
    return render(
        request,
        "leerlingen/detail.html",
        {
            "leerling": leerling,
            "naam": service.volledige_naam(leerling.get("gegevens", {})),
            "dossiers": lijst,
            "actief": "leerlingen",
        },
        gebruiker=gebruiker,
    )
