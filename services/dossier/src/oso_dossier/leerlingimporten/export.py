"""Export of the current inrichting in the import layouts (45/7/3 columns, ``;``): edit it and import it again."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from oso_dossier.leerlingimporten import repository
from oso_dossier.leerlingimporten.models import LeerlingMentor, Medewerker, Verzorger
from oso_dossier.leerlingimporten.parsing import KOLOMMEN, Soort

_GESLACHT = {"0": "o", "1": "m", "2": "v"}


def _datum(waarde: str | None) -> str:
    if not waarde:
        return ""
    jaar, maand, dag = waarde[:10].split("-")
    return f"{dag}-{maand}-{jaar}"


def _persoon(m: Medewerker | None) -> list[str]:
    if m is None:
        return [""] * 5
    return [m.nummer, m.roepnaam or "", m.tussenvoegsel or "", m.achternaam or "", m.email or ""]


async def rijen(
    session: AsyncSession, soort: Soort, *, brin: str, schooljaar: str, vestigingscode: str
) -> list[list[str]]:
    """The rows of one export (with the header where the import layout has one)."""
    scope = {"brin": brin, "schooljaar": schooljaar, "vestigingscode": vestigingscode}
    if soort is Soort.KOPPEL:
        return [[g, vestigingscode, n] for g, n in await repository.list_export_koppel(session, **scope)]
    if soort is Soort.GROEPEN:
        groepen = [g for g in await repository.list_groepen(session, **scope) if g.beeindigd_op is None]
        docenten = await repository.list_medewerkers_by_id(session, (g.docent_id for g in groepen))
        uit = [list(KOLOMMEN[soort])]
        for g in groepen:
            docent = _persoon(docenten.get(g.docent_id) if g.docent_id else None)
            uit.append([g.code, *docent, vestigingscode])
        return uit
    return await _leerlingen(session, scope)


async def _leerlingen(session: AsyncSession, scope: dict[str, str]) -> list[list[str]]:
    paren = await repository.list_export_leerlingen(session, **scope)
    verzorgers: dict[object, dict[int, Verzorger]] = {}
    for v in await repository.list_actief(session, Verzorger, **scope):
        verzorgers.setdefault(v.leerling_id, {})[v.volgnummer] = v
    mentoren: dict[object, dict[tuple[str, int], LeerlingMentor]] = {}
    links = await repository.list_actief(session, LeerlingMentor, **scope)
    for m in links:
        mentoren.setdefault(m.leerling_id, {})[(m.soort, m.volgnummer)] = m
    personen = await repository.list_medewerkers_by_id(session, (m.medewerker_id for m in links))
    uit = [list(KOLOMMEN[Soort.LEERLINGEN])]
    for leerling, inschrijving in paren:
        g = leerling.gegevens
        rij = [
            leerling.leerlingnummer,
            g.get("roepnaam") or g["voornamen"][0],
            g.get("voorvoegsel", ""),
            g["achternaam"],
            _datum(g.get("geboortedatum")),
            _GESLACHT.get(g.get("geslacht", "0"), "o"),
            inschrijving.email or "",
            _datum(inschrijving.vertrekdatum.isoformat() if inschrijving.vertrekdatum else None),
            inschrijving.vestigingscode,
            inschrijving.ilt_code or "",
            inschrijving.leerjaar or "",
            inschrijving.klas or "",
        ]
        eigen = verzorgers.get(leerling.id, {})
        for n in (1, 2, 3):
            z = eigen.get(n)
            post = "ja" if z and z.post_ontvangen else "nee"
            rij += (
                [z.voorletters or "", z.tussenvoegsel or "", z.achternaam, z.geslacht or "", z.email or "", post]
                if z
                else [""] * 6
            )
        eigen_mentoren = mentoren.get(leerling.id, {})
        for sleutel in (("klassementor", 1), ("klassementor", 2), ("persoonlijk", 1)):
            link = eigen_mentoren.get(sleutel)
            rij += _persoon(personen.get(link.medewerker_id) if link else None)
        uit.append(rij)
    return uit


def csv_tekst(rijen: Iterable[Sequence[str]]) -> str:
    """The rows as CSV with ``;`` (Magister's list separator), CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(rijen)
    return buffer.getvalue()
