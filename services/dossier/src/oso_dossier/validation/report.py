"""Result types of a validation: one finding per broken rule, one report per dossier."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Severity = Literal["fout", "waarschuwing"]

FOUT: Severity = "fout"
WAARSCHUWING: Severity = "waarschuwing"


@dataclass(frozen=True, slots=True)
class Finding:
    """One broken rule: the standard's rule id, severity, location and a Dutch message with a fix hint."""

    rule: str
    severity: Severity
    path: str
    message: str
    hint: str

    def to_dict(self) -> dict[str, str]:
        """The finding as the JSON object of the CLI and API."""
        return asdict(self)


@dataclass(slots=True)
class ValidationReport:
    """All findings of one dossier; ``valid`` is false exactly when there is at least one ``fout``."""

    xsd_toegepast: bool
    findings: list[Finding] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """True when no finding has severity ``fout``."""
        return not any(f.severity == FOUT for f in self.findings)

    @property
    def errors(self) -> list[Finding]:
        """Only the findings with severity ``fout``."""
        return [f for f in self.findings if f.severity == FOUT]

    @property
    def warnings(self) -> list[Finding]:
        """Only the findings with severity ``waarschuwing``."""
        return [f for f in self.findings if f.severity == WAARSCHUWING]

    def to_dict(self, file: str | None = None, *, include_xsd: bool = True) -> dict[str, Any]:
        """The report as the JSON object of the API (``include_xsd``) or the CLI."""
        body: dict[str, Any] = {"file": file, "valid": self.valid}
        if include_xsd:
            body["xsd_toegepast"] = self.xsd_toegepast
        body["findings"] = [f.to_dict() for f in self.findings]
        return body

    def to_json(self, file: str | None = None, *, include_xsd: bool = False) -> str:
        """One line of JSON: ``{"file", "valid", "findings"}`` as the CLI prints it."""
        return json.dumps(self.to_dict(file, include_xsd=include_xsd), ensure_ascii=False)
