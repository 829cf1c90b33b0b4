"""Entry points: parse hardened, check the XSD, run the business rules, collect one report."""

from __future__ import annotations

import asyncio
from pathlib import Path

from oso_dossier.validation.context import Context, XsltAbort
from oso_dossier.validation.parsing import DEFAULT_LIMITS, Limits, UnsafeXml, parse
from oso_dossier.validation.paths import element_path
from oso_dossier.validation.report import FOUT, WAARSCHUWING, Finding, ValidationReport
from oso_dossier.validation.rules import INDEXED_TAGS, run_rules
from oso_dossier.validation.schema import default_schema_dir, load_schema, xsd_findings
from oso_dossier.validation.structure import structural_findings


class _Configured:
    """Sentinel type: use the configured/discovered schema folder."""


CONFIGURED = _Configured()


def validate(
    xml: bytes, *, schema_dir: Path | _Configured | None = CONFIGURED, limits: Limits = DEFAULT_LIMITS
) -> ValidationReport:
    """Validate one OSO dossier: hardened parse, official XSD (when available) and every PaO business rule.

    ``schema_dir`` None skips the official XSD; by default the configured ``oso_schema_dir`` (or ``../shared/oso``
    next to the repo) is used. Never raises on bad input: unreadable or unsafe XML becomes an ``XML`` finding.
    """
    directory = default_schema_dir() if isinstance(schema_dir, _Configured) else schema_dir
    schema = load_schema(directory) if directory is not None else None
    try:
        root = parse(xml, limits)
    except UnsafeXml as exc:
        # Nothing could be checked against the XSD, so it was not applied to this body.
        return ValidationReport(xsd_toegepast=False, findings=[Finding("XML", FOUT, "/", exc.message, exc.hint)])
    findings = xsd_findings(schema, root) if schema is not None else structural_findings(root)
    ctx = Context(root, INDEXED_TAGS)
    try:
        run_rules(ctx)
    except XsltAbort as abort:
        # The official stylesheet stops with a dynamic error and reports nothing; the schema stage has already
        # rejected such a dossier in practice, so the abort itself is only a warning unless nothing else failed.
        severity = WAARSCHUWING if any(f.severity == FOUT for f in findings) else FOUT
        findings.append(
            Finding(
                "XSLT",
                severity,
                element_path(abort.element),
                f"De officiële bedrijfsregels breken af op dit dossier ({abort.what}); ze zijn daarom niet beoordeeld.",
                "Herstel eerst de schemafouten (booleans zijn true, false, 1 of 0; velden komen één keer voor).",
            )
        )
        return ValidationReport(xsd_toegepast=schema is not None, findings=findings)
    findings.extend(ctx.findings)
    return ValidationReport(xsd_toegepast=schema is not None, findings=findings)


async def validate_async(
    xml: bytes, *, schema_dir: Path | _Configured | None = CONFIGURED, limits: Limits = DEFAULT_LIMITS
) -> ValidationReport:
    """Validate one dossier in a worker thread so the event loop stays responsive (lxml releases the GIL)."""
    return await asyncio.to_thread(validate, xml, schema_dir=schema_dir, limits=limits)
