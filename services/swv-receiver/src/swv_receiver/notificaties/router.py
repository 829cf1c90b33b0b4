"""``POST /v1/notificaties``: the gateway announces a dossier ready to fetch."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from oso_shared.contracts.notificatie import NotificatieIn, NotificatieOntvangen
from swv_receiver.deps import SessionDep, SettingsDep, SleutelbosDep, SwvDep
from swv_receiver.notificaties import service
from swv_receiver.notificaties.models import NotificatieStatus
from swv_receiver.notificaties.schemas import NotificatieUit

router = APIRouter(prefix="/notificaties", tags=["notificaties"])


@router.post("", status_code=202, response_model=NotificatieOntvangen)
async def ontvang_notificatie(
    body: NotificatieIn, session: SessionDep, sleutels: SleutelbosDep, settings: SettingsDep
) -> NotificatieOntvangen:
    """Unauthenticated by design: accepted only for our aanleverpunten, and the fetch authenticates both sides."""
    return await service.ontvang(session, body, sleutels, settings.gateway_url)


@router.get("", response_model=list[NotificatieUit])
async def lijst_notificaties(
    swv: SwvDep,
    session: SessionDep,
    status: NotificatieStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[NotificatieUit]:
    """The caller's SWV's received notifications and what became of them (newest first)."""
    return [NotificatieUit.model_validate(n) for n in await service.list_notificaties(session, swv, status, limit)]


@router.post("/{notificatie_id}/opnieuw", status_code=202, response_model=NotificatieUit)
async def ophalen_opnieuw(notificatie_id: uuid.UUID, swv: SwvDep, session: SessionDep) -> NotificatieUit:
    """Retry a failed fetch: the worker fetches (or reuses the dossier it already has) and makes the hulpvraag."""
    return NotificatieUit.model_validate(await service.opnieuw(session, swv, notificatie_id))
