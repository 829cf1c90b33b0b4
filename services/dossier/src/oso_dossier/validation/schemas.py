"""JSON shapes of the validation API (same objects as the CLI's ``--json`` lines)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class FindingUit(BaseModel):
    """One broken rule."""

    rule: str = Field(description="Regel-id van de standaard (PaO.MD01, OG.02, CL16, OS.cat05, ...), XSD of XML.")
    severity: Literal["fout", "waarschuwing"]
    path: str = Field(description="Pad naar het element, bijv. /dossier/huidigeschool/leerling.")
    message: str
    hint: str


class ValidatieUit(BaseModel):
    """Result of validating one dossier; ``valid`` is false exactly when there is at least one ``fout``."""

    file: None = None
    valid: bool
    xsd_toegepast: bool = Field(description="Of het officiële XSD is toegepast (schemamap beschikbaar).")
    findings: list[FindingUit]
