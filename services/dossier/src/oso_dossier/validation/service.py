"""Validation as a service call: picks the schema folder from the settings and runs the check off the loop."""

from __future__ import annotations

from typing import Any

from oso_dossier.settings import Settings
from oso_dossier.validation.engine import CONFIGURED, validate_async
from oso_dossier.validation.parsing import Limits


async def valideer(xml: bytes, settings: Settings) -> dict[str, Any]:
    """Validate one dossier with the app's settings; returns the API JSON object."""
    schema_dir = settings.oso_schema_dir if settings.oso_schema_dir is not None else CONFIGURED
    limits = Limits(max_bytes=settings.validatie_max_body_bytes)
    report = await validate_async(xml, schema_dir=schema_dir, limits=limits)
    return report.to_dict(None, include_xsd=True)
