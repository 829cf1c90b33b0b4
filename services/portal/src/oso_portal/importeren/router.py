"""Pages of Beheer → Importeren: choose soort, schooljaar, vestiging, file and tekenset; test or read in; the log."""

from __future__ import annotations

import re
import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from oso_portal.deps import CSRF_HEADER, CsrfDep, DossierDep, RegistryDep, SchoolbeheerderDep, WebDep, csrf_klopt
from oso_portal.importeren import service
from oso_portal.problems import CsrfOngeldig, DienstFout
from oso_portal.web import redirect

router = APIRouter(include_in_schema=False)

PAGINA = "/school/importeren"
# The dossier service takes files up to 20 MB; the form fields and multipart envelope come on top.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024 + 256 * 1024
SCHOOLJAAR = re.compile(r"[0-9]{4}-[0-9]{4}")
# Refusals the page explains in place; anything else is the error page of the backend's status.
UITLEGBAAR = (400, 403, 404, 413, 415, 422)


@router.get(PAGINA)
async def pagina(
    request: Request,
    gebruiker: SchoolbeheerderDep,
    dossierdienst: DossierDep,
    register: RegistryDep,
    web: WebDep,
    import_id: Annotated[uuid.UUID | None, Query()] = None,
    log: Annotated[Literal["fout", "waarschuwing", "info"] | None, Query()] = None,
) -> Response:
    """The import form, the log of the chosen import (filterable by soort) and the list of earlier imports."""
    assert gebruiker.school
    try:
        vestigingen = (await register.school(gebruiker, gebruiker.school)).vestigingen
    except DienstFout:
        vestigingen = []  # the form then asks for the code itself
    eerdere = await service.lijst(dossierdienst, gebruiker)
    gekozen = await service.haal(dossierdienst, gebruiker, import_id) if import_id else None
    samenvatting = next((i for i in eerdere if gekozen and i.id == gekozen.id), None)
    context: dict[str, Any] = {
        "actief": "importeren",
        "soorten": service.SOORTEN,
        "tekensets": service.TEKENSETS,
        "logsoorten": service.LOGSOORTEN,
        "vestigingen": vestigingen,
        "eerdere": eerdere,
        "gekozen": gekozen,
        "samenvatting": samenvatting,
        "filter": log,
        "log": [r for r in gekozen.log if log is None or r.soort == log] if gekozen else [],
        "schooljaar": samenvatting.schooljaar if samenvatting else service.huidig_schooljaar(),
        "keuze": samenvatting,
    }
    return web.render(request, "importeren/pagina.html", context, gebruiker=gebruiker)


def _veld(form: Any, naam: str) -> str:
    value = form.get(naam)
    return value.strip() if isinstance(value, str) else ""


@router.post("/uploads/importeren")
async def importeer(
    request: Request, gebruiker: SchoolbeheerderDep, dossierdienst: DossierDep, web: WebDep
) -> Response:
    """Bestand testen / Bestand inlezen: the file goes on to the dossier service, the page shows its log."""
    # The htmx header is checked before any body is read; a plain form sends the field, read only from a body whose
    # declared length is within the limit (browsers always declare it for a form post).
    header = request.headers.get(CSRF_HEADER)
    if header is not None and not csrf_klopt(header, gebruiker):
        raise CsrfOngeldig
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        return Response(status_code=411)
    if int(length) > MAX_UPLOAD_BYTES:
        return _terug(request, web, "fout", "Het bestand is te groot. Het maximum is 20 MB.")
    form = await request.form(max_files=1, max_fields=8)
    veld = form.get("csrf_token")
    if header is None and not csrf_klopt(veld if isinstance(veld, str) else None, gebruiker):
        raise CsrfOngeldig
    bestand = form.get("bestand")
    velden = {k: _veld(form, k) for k in ("soort", "schooljaar", "vestigingscode", "tekenset", "modus")}
    if not isinstance(bestand, UploadFile) or not bestand.filename:
        return _terug(request, web, "fout", "Kies een bestand (CSV of tekst) om te testen of in te lezen.")
    try:
        if velden["soort"] not in service.SOORTEN or velden["tekenset"] not in service.TEKENSETS:
            return _terug(request, web, "fout", "Kies de soort bestand en de tekenset.")
        if not SCHOOLJAAR.fullmatch(velden["schooljaar"]) or not re.fullmatch(r"[0-9]{2}", velden["vestigingscode"]):
            return _terug(
                request, web, "fout", "Vul het schooljaar (2026-2027) en de vestigingscode (twee cijfers) in."
            )
        velden["modus"] = "inlezen" if velden["modus"] == "inlezen" else "testen"
        uitkomst = await service.importeer(dossierdienst, gebruiker, bestand, velden)
    except DienstFout as fout:
        if fout.upstream_status not in UITLEGBAAR:
            raise
        return _terug(request, web, "fout", f"Het bestand is niet verwerkt: {fout.detail}")
    finally:
        await bestand.close()
    return _terug(request, web, *_melding(velden["modus"], uitkomst), import_id=uitkomst.id)


def _melding(modus: str, uitkomst: service.Import) -> tuple[str, str]:
    fouten = uitkomst.aantallen.get("fouten", 0)
    if uitkomst.status == "succesvol":
        if modus == "testen":
            return "ok", "Het bestand is getest en bevat geen fouten; er is niets gewijzigd. Lees het nu in."
        return "ok", f"Het bestand is ingelezen ({uitkomst.regels} regels)."
    return "fout", f"Het bestand bevat {fouten} fout(en); er is niets ingelezen. Zie het logboek hieronder."


def _terug(request: Request, web: WebDep, soort: str, tekst: str, *, import_id: uuid.UUID | None = None) -> Response:
    response = redirect(request, f"{PAGINA}?import_id={import_id}" if import_id else PAGINA)
    web.zet_melding(response, soort, tekst)
    return response


@router.get(f"{PAGINA}/export")
async def exporteer(
    gebruiker: SchoolbeheerderDep,
    dossierdienst: DossierDep,
    soort: Annotated[Literal["leerlingen", "groepen", "koppel"], Query()],
    schooljaar: Annotated[str, Query(pattern=r"^[0-9]{4}-[0-9]{4}$")],
    vestigingscode: Annotated[str, Query(pattern=r"^[0-9]{2}$")],
    tekenset: Annotated[Literal["utf-8", "windows-1252"], Query()] = "windows-1252",
) -> Response:
    """The current inrichting in the import layout, to edit and read in again."""
    params = {"soort": soort, "vestigingscode": vestigingscode, "tekenset": tekenset}
    inhoud = await service.exporteer(dossierdienst, gebruiker, schooljaar, params)
    naam = f"{soort}-{schooljaar}-{vestigingscode}.csv"
    return Response(
        inhoud,
        media_type=f"text/csv; charset={tekenset}",
        headers={"content-disposition": f'attachment; filename="{naam}"', "cache-control": "no-store"},
    )


@router.post(f"{PAGINA}/inrichting-verwijderen")
async def verwijder(
    request: Request,
    gebruiker: SchoolbeheerderDep,
    _: CsrfDep,
    dossierdienst: DossierDep,
    web: WebDep,
    schooljaar: Annotated[str, Form(pattern=r"^[0-9]{4}-[0-9]{4}$")],
    vestigingscode: Annotated[str, Form(pattern=r"^[0-9]{2}$")],
    bevestig: Annotated[str | None, Form()] = None,
) -> Response:
    """Inrichting verwijderen: groepen, koppelingen, mentoren, verzorgers of one schooljaar (never dossiers)."""
    if bevestig != "ja":
        return _terug(request, web, "fout", "Vink aan dat je de inrichting van dit schooljaar wilt verwijderen.")
    await service.verwijder_inrichting(dossierdienst, gebruiker, schooljaar, vestigingscode)
    tekst = f"De inrichting van {schooljaar}, vestiging {vestigingscode} is verwijderd; leerlingen en dossiers blijven."
    return _terug(request, web, "ok", tekst)
