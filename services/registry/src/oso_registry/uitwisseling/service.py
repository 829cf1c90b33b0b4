"""The exchange check: decide from the facts of the three setup steps, listing every missing step."""

from __future__ import annotations

import datetime as dt
import re
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from oso_registry.brin import parse_brin
from oso_registry.problems import OnbekendAanleverpunt, OnbekendSchoolsysteem, VerstrekkerNietBekend, VestigingOnbekend
from oso_registry.uitwisseling import repository
from oso_registry.uitwisseling.repository import Feiten
from oso_shared.auth import UITWISSELBESLUIT, TokenService
from oso_shared.contracts.route import (
    Ontbrekend,
    Route,
    RouteAanleverpunt,
    RouteSwv,
    Uitwisselcontrole,
    UitwisselcontroleAanvraag,
)

_NUMMER = re.compile(r"[0-9]{1,12}")


def aanleverpunt_sleutel(waarde: str) -> tuple[uuid.UUID | None, str | None]:
    """An aanleverpunt reference is either its uuid or its number; anything else cannot exist (404)."""
    try:
        return uuid.UUID(waarde), None
    except ValueError:
        pass
    if _NUMMER.fullmatch(waarde):
        return None, waarde
    raise OnbekendAanleverpunt("Dit aanleverpunt bestaat niet.")


async def controleer(
    session: AsyncSession, aanvraag: UitwisselcontroleAanvraag, tokens: TokenService, besluit_ttl: dt.timedelta
) -> Uitwisselcontrole:
    """Check whether the source school may send this dienst to the target aanleverpunt, and why not.

    An allowed exchange comes with the decision signed (``route.besluit``), valid for ``besluit_ttl``.
    """
    brin = parse_brin(aanvraag.bron.brin)
    ap_id, ap_nummer = aanleverpunt_sleutel(aanvraag.doel.aanleverpunt)
    feiten = await repository.get_feiten(
        session,
        dienst=aanvraag.dienst,
        brin4=brin.brin4,
        vestigingscode=brin.vestigingscode,
        systeem=aanvraag.bron.systeem,
        aanleverpunt_id=ap_id,
        aanleverpunt_nummer=ap_nummer,
    )
    if feiten.aanleverpunt_id is None:
        raise OnbekendAanleverpunt("Dit aanleverpunt bestaat niet.")
    if not feiten.school_bekend:
        raise VerstrekkerNietBekend(f"School {brin.brin4} is niet bekend in het register.")
    if feiten.vestigingscode is None:
        raise VestigingOnbekend(f"Vestiging {brin} is niet bekend in het register.")
    if not feiten.schoolsysteem_bekend:
        raise OnbekendSchoolsysteem(f"{aanvraag.bron.systeem} is geen bekend schoolsysteem.")
    ontbrekend = beoordeel(
        feiten, brin4=brin.brin4, vestigingscode=feiten.vestigingscode, bron_systeem=aanvraag.bron.systeem
    )
    route = None
    if not ontbrekend:
        besluit = {
            "dienst": aanvraag.dienst,
            "brin": brin.brin4,
            "vestigingscode": feiten.vestigingscode,
            "systeem": aanvraag.bron.systeem,
            "aanleverpunt": str(feiten.aanleverpunt_id),
            "nummer": _str(feiten.nummer),
            "routeringskenmerk": _str(feiten.routeringskenmerk),
            "endpoint": _str(feiten.endpoint),
            "swv": _str(feiten.swv_code),
            "swv_naam": _str(feiten.swv_naam),
        }
        route = Route(
            swv=RouteSwv(code=_str(feiten.swv_code), naam=_str(feiten.swv_naam)),
            aanleverpunt=RouteAanleverpunt(
                id=feiten.aanleverpunt_id,
                nummer=_str(feiten.nummer),
                label=_str(feiten.label),
                routeringskenmerk=_str(feiten.routeringskenmerk),
            ),
            endpoint=_str(feiten.endpoint),
            oin=_str(feiten.oin),
            besluit=tokens.sign_statement(UITWISSELBESLUIT, besluit, besluit_ttl),
        )
    return Uitwisselcontrole(toegestaan=not ontbrekend, ontbrekend=ontbrekend, route=route)


def _str(value: str | None) -> str:
    assert value is not None
    return value


def beoordeel(feiten: Feiten, *, brin4: str, vestigingscode: str, bron_systeem: str) -> list[Ontbrekend]:
    """Every missing step, in step order, each with a sentence a zorgcoördinator can forward as is."""
    swv = f"{feiten.swv_naam} ({feiten.swv_code}, aanleverpunt {feiten.label})"
    swv_systeem = feiten.swv_systeem or "het SWV-systeem"
    brin6 = brin4 + vestigingscode
    ontbrekend: list[Ontbrekend] = []
    if feiten.registratie_aangevraagd and not feiten.geregistreerd_bij_swv:
        # Registered outside the SWV's region: it counts only once the school's board accepts it.
        stap1 = (
            f"{swv} wil school {brin4} registreren, maar de school ligt buiten de regio van dit "
            f"samenwerkingsverband. De beheerder van het schoolbestuur moet de registratie eerst "
            f"bevestigen in de portal (Bestuur > Registraties door samenwerkingsverbanden)."
        )
    else:
        stap1 = (
            f"{swv} heeft school {brin4} nog niet geregistreerd. Vraag de applicatiebeheerder van het "
            f"samenwerkingsverband om de school met BRIN {brin4} toe te voegen in {swv_systeem} "
            f"(Beheer > Organisatie, veld Brin); alleen een vestiging met een eigen omgeving wordt "
            f"met BRIN {brin6} geregistreerd."
        )
    if not feiten.geregistreerd_bij_swv:
        ontbrekend.append(Ontbrekend(stap=1, code="SCHOOL_NIET_GEREGISTREERD_BIJ_SWV", wie="swv", uitleg=stap1))
    for aanwezig, code, systeem in (
        (feiten.mandaat_schoolsysteem, "MANDAAT_SCHOOLSYSTEEM_ONTBREEKT", bron_systeem),
        (feiten.mandaat_swv_systeem, "MANDAAT_SWV_SYSTEEM_ONTBREEKT", swv_systeem),
    ):
        if not aanwezig:
            ontbrekend.append(
                Ontbrekend(
                    stap=2,
                    code=code,
                    wie="bestuur",
                    uitleg=(
                        f"Het schoolbestuur van {brin4} heeft in het Onderwijs Serviceregister (OSR) nog geen "
                        f"mandaat gegeven voor de dienst OSO-SWV met het systeem {systeem}. Vraag de "
                        f"OSR-beheerder van het bestuur dit mandaat voor BRIN {brin4} toe te voegen."
                    ),
                )
            )
    if not feiten.brin_geregistreerd:
        ontbrekend.append(
            Ontbrekend(
                stap=3,
                code="BRIN_NIET_GEREGISTREERD_VOOR_OSO_SWV",
                wie="school",
                uitleg=(
                    f"School {brin4} heeft haar BRIN in {bron_systeem} nog niet geregistreerd voor OSO-SWV. "
                    f"Vraag de applicatiebeheerder van de school dit te doen onder Beheer > OSR."
                ),
            )
        )
    if not feiten.aanleverpunt_ingesteld:
        ontbrekend.append(
            Ontbrekend(
                stap=3,
                code="AANLEVERPUNT_NIET_INGESTELD",
                wie="school",
                uitleg=(
                    f"Voor vestiging {brin6} is in {bron_systeem} nog geen OSO-aanleverpuntnummer ingesteld. "
                    f"Vraag de applicatiebeheerder van de school het aanleverpunt (meestal 0) in te stellen "
                    f"bij de gegevens van de vestiging."
                ),
            )
        )
    return ontbrekend
