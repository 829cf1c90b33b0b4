"""JSON shapes of school registrations."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field

from oso_shared.tekst import XmlTekst


class SchoolIn(BaseModel):
    brin: XmlTekst = Field(pattern=r"^[0-9]{2}[A-Z]{2}$")
    vestigingscode: XmlTekst | None = Field(default=None, pattern=r"^[0-9]{2}$")
    naam: XmlTekst | None = Field(default=None, max_length=200)


class SchoolUit(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    swv_code: str
    brin: str
    vestigingscode: str | None
    naam: str | None
    aangemeld_op: dt.datetime
