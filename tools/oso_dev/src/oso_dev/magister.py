"""Synthetic Magister exports (invented pupils, never real data) for tests, ``bench/import.py`` and trying the CLI.

Names carry diacritics (Zoë, Daniël, Çelik) so every character set is exercised; runtime code never imports this.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from oso_dossier.leerlingimporten.parsing import CODECS, KOLOMMEN, Soort, Tekenset

_ROEPNAMEN = ("Zoë", "Daniël", "Noah", "Chloé", "Sem", "Anaïs", "Luuk", "Fenna")
_ACHTERNAMEN = (("", "Jansen"), ("de", "Vries"), ("van", "Dijk"), ("", "Çelik"), ("", "Bakker"), ("van der", "Berg"))
_KOLOM = {naam: i for i, naam in enumerate(KOLOMMEN[Soort.LEERLINGEN])}


def leerling(i: int, *, vestiging: str = "00", wijzig: Mapping[str, str] | None = None) -> list[str]:
    """The 45 fields of invented pupil ``i`` (stamnr ``10000 + i``); ``wijzig`` overrides fields by column name."""
    tussenvoegsel, achternaam = _ACHTERNAMEN[i % len(_ACHTERNAMEN)]
    velden = [
        str(10000 + i),
        _ROEPNAMEN[i % len(_ROEPNAMEN)],
        tussenvoegsel,
        achternaam,
        f"{1 + i % 28:02d}-{1 + i % 12:02d}-{2012 + i % 3}",
        ("m", "v", "o")[i % 3],
        f"leerling{i}@school.example",
        "",
        vestiging,
        "00237",
        str(1 + i % 4),
        f"{1 + i % 4}A",
        # ouder/verzorger 1, 2, 3
        "A.",
        tussenvoegsel,
        achternaam,
        "V",
        f"ouder{i}@thuis.example",
        "ja",
        "B.C.",
        "",
        f"{achternaam}-Smit",
        "M",
        "",
        "nee",
        *[""] * 6,
        # klassementor 1, 2, persoonlijke mentor
        f"M{i % 20:03d}",
        "Jeroen",
        "",
        "Hoëvenaars",
        f"m{i % 20}@school.example",
        *[""] * 5,
        f"P{i % 7:03d}",
        "Fatima",
        "el",
        "Amrani",
        "",
    ]
    for naam, waarde in (wijzig or {}).items():
        velden[_KOLOM[naam]] = waarde
    return velden


def groep(code: str, *, docent: str = "D001", vestiging: str = "00") -> list[str]:
    """The 7 fields of a groepen line."""
    return [code, docent, "Els" if docent else "", "", "Mulder" if docent else "", "", vestiging]


def bestand(
    rijen: Iterable[Sequence[str]],
    soort: Soort = Soort.LEERLINGEN,
    *,
    kop: bool = True,
    scheiding: str = ";",
    tekenset: Tekenset = Tekenset.UTF8,
) -> bytes:
    """The file as Magister writes it: a header line where the layout has one, CRLF line ends."""
    regels = [list(KOLOMMEN[soort])] if kop and soort is not Soort.KOPPEL else []
    regels += [list(r) for r in rijen]
    tekst = "".join(scheiding.join(r) + "\r\n" for r in regels)
    return tekst.encode(CODECS[tekenset])
