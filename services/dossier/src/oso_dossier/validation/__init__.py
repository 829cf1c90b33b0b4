"""OSO dossier validation: hardened parsing, the official XSD and every PaO business rule.

Public API: :func:`validate` (sync, CPU-bound) and :func:`validate_async` (runs it off the event loop).
"""

from __future__ import annotations

from oso_dossier.validation.engine import validate, validate_async
from oso_dossier.validation.report import FOUT, WAARSCHUWING, Finding, Severity, ValidationReport

__all__ = ["FOUT", "WAARSCHUWING", "Finding", "Severity", "ValidationReport", "validate", "validate_async"]
