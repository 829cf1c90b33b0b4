"""Imports every table module so ``Base.metadata`` is complete (migrations, autogenerate, tests)."""

from __future__ import annotations

from swv_receiver.hulpvragen.models import Bijlage, Hulpvraag, Terugkoppeling
from swv_receiver.models import Base
from swv_receiver.notificaties.models import Notificatie
from swv_receiver.scholen.models import AangemeldeSchool
from swv_receiver.uitgaand.models import Uitgaand

__all__ = ["AangemeldeSchool", "Base", "Bijlage", "Hulpvraag", "Notificatie", "Terugkoppeling", "Uitgaand"]
