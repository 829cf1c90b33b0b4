"""A readable Dutch PDF of a dossier's content (reportlab platypus: headings, tables), built without network."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from oso_dossier.dossiers.oso_xml import categorie_waarden
from oso_dossier.leerlingen.schemas import LeerlingGegevens

STATUS_TEKST = {
    "concept": "Concept",
    "gevalideerd": "Gevalideerd",
    "opvraagbaar": "Opvraagbaar gemaakt",
    "notificatie_verzonden": "Notificatie verzonden",
    "opgehaald": "Opgehaald door het samenwerkingsverband",
    "teruggekoppeld": "Terugkoppeling ontvangen",
    "mislukt": "Mislukt",
}


def _d(value: dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else "-"


def _ja(value: bool | None) -> str:
    return "-" if value is None else ("ja" if value else "nee")


class _Opmaak:
    def __init__(self) -> None:
        base = getSampleStyleSheet()
        self.titel = ParagraphStyle("titel", parent=base["Title"], fontSize=18, spaceAfter=6)
        self.kop = ParagraphStyle(
            "kop", parent=base["Heading2"], spaceBefore=10, spaceAfter=4, textColor=colors.HexColor("#1F3A5F")
        )
        self.tekst = ParagraphStyle("tekst", parent=base["BodyText"], fontSize=9, leading=12)
        self.klein = ParagraphStyle("klein", parent=base["BodyText"], fontSize=8, leading=10, textColor=colors.grey)

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(escape(text), style or self.tekst)

    def tabel(
        self, rijen: Sequence[Sequence[str]], kop: Sequence[str] | None = None, breedtes: Sequence[float] | None = None
    ) -> Table:
        data = [[self.p(c) for c in rij] for rij in rijen]
        if kop:
            data.insert(0, [Paragraph(f"<b>{escape(c)}</b>", self.tekst) for c in kop])
        table = Table(data, colWidths=breedtes, hAlign="LEFT", repeatRows=1 if kop else 0)
        stijl = [
            ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#B0B7C3")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        if kop:
            stijl.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EDF4")))
        table.setStyle(TableStyle(stijl))
        return table

    def velden(self, paren: Sequence[tuple[str, str]]) -> Table:
        return self.tabel([[k, v] for k, v in paren], breedtes=[55 * mm, 115 * mm])


def render(
    *,
    leerling: LeerlingGegevens,
    leerlingnummer: str,
    dossier: Mapping[str, Any],
    bijlagen: Sequence[Mapping[str, Any]],
    tijdlijn: Sequence[Mapping[str, Any]],
) -> bytes:
    """The PDF bytes (CPU-bound: call via ``asyncio.to_thread``)."""
    o = _Opmaak()
    cats = categorie_waarden(dossier.get("categorieen") or {})

    def mee(cat: str) -> bool:
        return cats[cat] not in ("OPT-UIT", "VERBODEN")

    school = dossier.get("school") or {}
    punt = dossier.get("aanleverpunt") or {}
    opties = dossier.get("opties") or {}
    naam = " ".join(
        x for x in (leerling.roepnaam or leerling.voornamen[0], leerling.voorvoegsel, leerling.achternaam) if x
    )
    story: list[Flowable] = [
        o.p("Overdrachtsdossier VO-SWV", o.titel),
        o.p(f"Aanvraag samenwerkingsverband voor {naam}"),
        o.p(f"Status: {STATUS_TEKST.get(str(dossier.get('status')), str(dossier.get('status')))}"),
        Spacer(1, 4 * mm),
        o.p("Dossiergegevens", o.kop),
        o.velden(
            [
                (
                    "Aanvragende school",
                    f"{school.get('naam', '-')} ({school.get('brin', '')}{school.get('vestigingscode', '')})",
                ),
                ("Aanleverpunt doel", str(punt.get("label") or punt.get("nummer") or "-")),
                ("Samenwerkingsverband", str((punt.get("swv") or {}).get("naam", "-"))),
                ("Contact nodig met mentor", _ja(opties.get("contactnodig"))),
                ("Contactpersoon", str(opties.get("contactpersoon") or "-")),
                ("Aandachtspunten", str(opties.get("aandachtspunten") or "-")),
            ]
        ),
        o.p("Leerling", o.kop),
        o.velden(
            [
                ("Naam", " ".join(x for x in (*leerling.voornamen, leerling.voorvoegsel, leerling.achternaam) if x)),
                ("Roepnaam", leerling.roepnaam or "-"),
                ("Geboortedatum", _d(leerling.geboortedatum)),
                ("Leerlingnummer", leerlingnummer),
                (
                    "Adres",
                    "geheim"
                    if leerling.adresgeheim
                    else "; ".join(f"{a.straat} {a.nummer}, {a.postcode} {a.plaats}" for a in leerling.adressen) or "-",
                ),
            ]
        ),
    ]
    if leerling.verzorgers:
        story += [
            o.p("Ouders / verzorgers", o.kop),
            o.tabel(
                [
                    [
                        " ".join(x for x in (*v.voornamen, v.voorvoegsel, v.achternaam) if x),
                        v.relatietotkind or "-",
                        _ja(v.wettigevertegenwoordiger),
                        ", ".join(("geheim" if c.geheim else c.nummer) for c in v.communicatie) or "-",
                    ]
                    for v in leerling.verzorgers
                ],
                kop=["Naam", "Relatie", "Wettig vertegenwoordiger", "Contact"],
            ),
        ]
    if leerling.schoolloopbaan:
        story += [
            o.p("Schoolloopbaan", o.kop),
            o.tabel(
                [
                    [
                        s.schooljaar,
                        s.groepsnaam or s.groepscode,
                        s.jaargroep,
                        f"{s.brincode}{s.vestigingscode}",
                        s.schooltype or "-",
                    ]
                    for s in leerling.schoolloopbaan
                ],
                kop=["Schooljaar", "Groep", "Jaargroep", "School", "Type"],
            ),
        ]
    oo = leerling.onderwijsondersteuning
    story += [o.p("Onderwijsondersteuning", o.kop)]
    rijen: list[list[str]] = []
    for d in oo.diagnoses:
        rijen.append(["Diagnose", f"{d.naam or ', '.join(d.codes)} ({', '.join(d.codes)})", _d(d.datum)])
    rijen.append(["Medicijngebruik", _ja(oo.medicijngebruik), ""])
    if mee("cat_handelingsplannen"):
        for hp in oo.handelingsplannen:
            rijen.append(["Handelingsplan", hp.isgerichtop, f"{_d(hp.startdatum)} t/m {_d(hp.einddatum)}"])
    if oo.opp:
        rijen.append(["Ontwikkelingsperspectief (OPP)", "vastgesteld", f"vanaf {_d(oo.opp.ingangdatum)}"])
    for tlv in oo.tlvs:
        rijen.append(
            [
                "Toelaatbaarheidsverklaring",
                f"categorie {tlv.categorie}, {tlv.beschikkingsnummer}",
                f"{_d(tlv.ingangdatum)} t/m {_d(tlv.einddatum)}",
            ]
        )
    for a in oo.arrangementen:
        rijen.append(["Arrangement", a.kenmerk or "-", _d(a.datum)])
    if oo.lwoo:
        rijen.append(["Leerwegondersteuning (LWOO)", oo.lwoo.beschikkingsnummer, f"vanaf {_d(oo.lwoo.ingangdatum)}"])
    story.append(o.tabel(rijen, kop=["Onderdeel", "Omschrijving", "Periode"]))
    if mee("cat_verzuim") and leerling.verzuim:
        v = leerling.verzuim
        story += [
            o.p("Verzuim (laatste 12 maanden)", o.kop),
            o.velden(
                [
                    ("Uren geoorloofd", str(v.urengeoorloofd if v.urengeoorloofd is not None else "-")),
                    ("Uren ongeoorloofd", str(v.urenongeoorloofd if v.urenongeoorloofd is not None else "-")),
                    ("Contact leerplicht", _ja(v.contactleerplicht)),
                ]
            ),
        ]
    if mee("cat_toetsresultaten") and leerling.toetsen:
        story += [
            o.p("Toetsresultaten", o.kop),
            o.tabel(
                [
                    [
                        t.toetsnaam or t.toetscode,
                        _d(t.afnamedatum),
                        ", ".join(f"{r.code} {r.waarde or ''}".strip() for r in t.referentiescores) or "-",
                    ]
                    for t in leerling.toetsen
                ],
                kop=["Toets", "Afgenomen", "Resultaat"],
            ),
        ]
    if mee("cat_cijferlijsten") and leerling.cijferlijsten:
        story += [o.p("Cijferlijsten", o.kop)]
        for c in leerling.cijferlijsten:
            story.append(
                o.tabel([[x.vak, x.waarde] for x in c.cijfers] + [["Gemiddeld", c.gemiddelde]], kop=[c.naam, "Cijfer"])
            )
    if mee("cat_bijlagedocs"):
        story += [o.p("Bijlagen", o.kop)]
        if bijlagen:
            story.append(
                o.tabel(
                    [
                        [
                            str(b["bestandsnaam"]),
                            str(b.get("omschrijving") or "-"),
                            f"{int(b['grootte']) // 1024 + 1} kB",
                        ]
                        for b in bijlagen
                    ],
                    kop=["Bestand", "Omschrijving", "Grootte"],
                )
            )
        else:
            story.append(o.p("Geen bijlagen."))
    uit = [naam for naam, waarde in cats.items() if waarde == "OPT-UIT"]
    if uit:
        story += [o.p("Niet meegestuurd (OPT-UIT): " + ", ".join(c.removeprefix("cat_") for c in uit), o.klein)]
    if tijdlijn:
        story += [
            o.p("Verloop", o.kop),
            o.tabel(
                [
                    [
                        STATUS_TEKST.get(str(t["soort"]), str(t["soort"])),
                        t["op"].strftime("%d-%m-%Y %H:%M UTC"),
                        str(t.get("reden") or ""),
                    ]
                    for t in tijdlijn
                ],
                kop=["Stap", "Moment", "Toelichting"],
            ),
        ]
    terug = dossier.get("terugkoppeling")
    if terug:
        story += [
            o.p("Terugkoppeling samenwerkingsverband", o.kop),
            o.velden(
                [
                    ("Status", str(terug.get("status"))),
                    ("Bericht", str(terug.get("bericht"))),
                    ("Referentie", str(terug.get("referentie") or "-")),
                ]
            ),
        ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title="Overdrachtsdossier VO-SWV",
        author=str(school.get("naam") or ""),
        invariant=True,
    )

    def voet(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.setFillColor(colors.grey)
        canvas.drawString(20 * mm, 10 * mm, f"Vertrouwelijk - {school.get('naam', '')} - pagina {document.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=voet, onLaterPages=voet)
    return buffer.getvalue()
