"""Body of audit log entries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel


class AuditUit(BaseModel):
    id: int
    op: dt.datetime
    wie: str
    rol: str
    actie: str
    entiteit: str
    sleutel: str
    bestuur: str | None
    swv: str | None
    brin: str | None
    voor: dict[str, Any] | None
    na: dict[str, Any] | None
