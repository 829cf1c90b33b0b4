"""Overdrachtsdossiers in plain Dutch: the timeline's steps and where a validation finding is fixed."""

from __future__ import annotations

from oso_portal.clients.dossier import Dossier
from oso_portal.dossiers import service

from ..helpers import DOSSIER_ID, LEERLING_ID, dossier


def _dossier(status: str = "concept", **extra: object) -> Dossier:
    return Dossier.model_validate(dossier(status, **extra))


def test_tijdlijn_stappen_volgen_de_status() -> None:
    stappen = service.stappen(_dossier("opgehaald"), [])
    toestanden = {s.code: s.toestand for s in stappen}
    assert toestanden["notificatie_verzonden"] == "gedaan"
    assert toestanden["opgehaald"] == "huidig"
    assert toestanden["teruggekoppeld"] == "open"
    mislukt = service.stappen(_dossier("mislukt", mislukt_reden="SWV onbereikbaar"), [])
    assert mislukt[-1].toestand == "mislukt"
    assert "SWV onbereikbaar" in mislukt[-1].label


def test_bevinding_noemt_veld_en_plek_om_te_herstellen() -> None:
    d = _dossier()

    def plek(path: str) -> tuple[str, str]:
        b = service.bevinding({"path": path, "severity": "fout", "message": "m"}, d)
        return b["veld"], b["href"]

    assert plek("/dossier/huidigeschool/leerling/schoolloopbaanlijst") == (
        "Schoolloopbaan",
        f"/leerlingen/{LEERLING_ID}",
    )
    assert plek("/dossier/huidigeschool/leerling/overstapadvies/contactpersoon") == (
        "Contactpersoon",
        f"/dossiers/{DOSSIER_ID}/optioneel",
    )
    assert plek("/dossier/metadata/categorie_uitlevering/cat_verzuim") == (
        "Meesturen per categorie (opt-out)",
        f"/dossiers/{DOSSIER_ID}/optioneel",
    )
    assert plek("/dossier/huidigeschool/leerling/overigdocumentlijst/document[2]") == (
        "Bijlagen",
        f"/dossiers/{DOSSIER_ID}/bijlagen",
    )
    assert plek("/dossier/huidigeschool/adressen/adres") == ("Adres", f"/dossiers/{DOSSIER_ID}/gegevens")
    assert plek("/dossier/huidigeschool/leerling/gba/x:achternaam") == ("Achternaam", f"/leerlingen/{LEERLING_ID}")


def test_bevinding_leidt_veld_af_uit_hint_of_verplichte_categorie() -> None:
    d = _dossier()
    hint = "Voeg leerling/schoolloopbaanlijst/schoolloopbaan toe."
    leeg = service.bevinding({"path": "/dossier/huidigeschool/leerling", "message": "m", "hint": hint}, d)
    assert (leeg["veld"], leeg["href"]) == ("Schoolloopbaan", f"/leerlingen/{LEERLING_ID}")
    verplicht = service.bevinding({"path": "/dossier/metadata/categorie_uitlevering/cat_schoolloopbaan"}, d)
    assert (verplicht["veld"], verplicht["href"]) == ("Schoolloopbaan", f"/leerlingen/{LEERLING_ID}")
    adres = service.bevinding(
        {"path": "/dossier/huidigeschool/leerling", "hint": "Voeg leerling/adreslijst/adres of adresbuitenland toe"}, d
    )
    assert adres["veld"] == "Adres"
