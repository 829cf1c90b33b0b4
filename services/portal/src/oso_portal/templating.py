"""Jinja templates of the portal and the Dutch formatting filters they use (dates in Amsterdam time, sizes)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.templating import Jinja2Templates

from oso_shared.auth import Rol

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
ROL_NAMEN = {
    Rol.ZORGCOORDINATOR: "Zorgcoördinator",
    Rol.BESTUURSBEHEERDER: "Bestuursbeheerder",
    Rol.SWV_BEHEERDER: "SWV-beheerder",
    Rol.SCHOOLBEHEERDER: "Schoolbeheerder",
    Rol.DIENST: "Dienst",
}
TEMPLATE_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"


def _als_datum(value: Any) -> dt.datetime | dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value
    text = str(value)
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def datum(value: Any) -> str:
    """Dutch date: ``23 november 2026``."""
    parsed = _als_datum(value)
    if parsed is None:
        return "—"
    if isinstance(parsed, dt.datetime):
        parsed = (parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)).astimezone(AMSTERDAM).date()
    return f"{parsed.day} {MAANDEN[parsed.month - 1]} {parsed.year}"


def datumtijd(value: Any) -> str:
    """Dutch date and time in Amsterdam time: ``23 november 2026, 15:04``."""
    parsed = _als_datum(value)
    if parsed is None:
        return "—"
    if not isinstance(parsed, dt.datetime):
        return datum(parsed)
    local = (parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)).astimezone(AMSTERDAM)
    return f"{local.day} {MAANDEN[local.month - 1]} {local.year}, {local:%H:%M}"


def bestandsgrootte(value: Any) -> str:
    """Human file size in Dutch notation."""
    try:
        size = float(value)
    except (TypeError, ValueError):
        return "—"
    for unit in ("bytes", "kB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            text = f"{size:.0f}" if unit == "bytes" else f"{size:.1f}".replace(".", ",")
            return f"{text} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


def json_attr(value: Any) -> str:
    """JSON for an HTML attribute (htmx ``hx-headers``)."""
    return json.dumps(value, separators=(",", ":"))


templates = Jinja2Templates(directory=str(TEMPLATE_DIR))
templates.env.filters["datum"] = datum
templates.env.filters["datumtijd"] = datumtijd
templates.env.filters["bestandsgrootte"] = bestandsgrootte
templates.env.filters["json_attr"] = json_attr
templates.env.globals["ROL_NAMEN"] = ROL_NAMEN
