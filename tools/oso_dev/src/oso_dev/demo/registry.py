"""Demo data for ``make run``: the shared demo world with a mix of complete and incomplete setups.

- 99AA: fully set up with SWV Rijnmond (the happy path, also for vestiging 99AA01).
- 99AB: registered at Rijnmond, but the Kindkans mandate is missing.
- 99AC: not registered at Rijnmond; only its vestiging 99AC02 (own environment) is.
- 99BA: registered at Utrecht with both mandates, but the BRIN is not registered for OSO-SWV and the
  aanleverpunt is not set.
- 99BB: registered at Utrecht, but the OSO-SWV Magister mandate is missing (it has OSO-OV Magister,
  which does not count).
Loading is idempotent: it is an import, which only writes (and audits) what differs.
"""

from __future__ import annotations

import uuid

from oso_dev.demo import world as demo
from oso_registry.gegevens import flows
from oso_registry.gegevens.schemas import (
    AanleverpuntData,
    BestuurData,
    MandaatData,
    RegistryData,
    SchoolData,
    SwvData,
    SysteemData,
    VestigingData,
)
from oso_registry.toegang import Actor
from oso_shared.db import Database

ACTOR = Actor("demo-loader", "beheer")

_ADRESSEN = {
    "99AA": ("Brugweg", "Rotterdam", "3011"),
    "99AB": ("Noorderlaan", "Schiedam", "3112"),
    "99AC": ("Maaskade", "Rotterdam", "3071"),
    "99BA": ("Stadsplein", "Utrecht", "3511"),
    "99BB": ("Montessorilaan", "Utrecht", "3584"),
}

# Per school: (mandates, BRIN registered for OSO-SWV, aanleverpunt set).
_OPZET: dict[str, tuple[list[tuple[str, str]], bool, bool]] = {
    "99AA": ([("OSO-SWV", "Magister"), ("OSO-SWV", "Kindkans"), ("OSO-OV", "Magister")], True, True),
    "99AB": ([("OSO-SWV", "Magister")], True, True),
    "99AC": ([("OSO-SWV", "Magister"), ("OSO-SWV", "Kindkans")], True, True),
    "99BA": ([("OSO-SWV", "Magister"), ("OSO-SWV", "Kindkans")], False, False),
    "99BB": ([("OSO-SWV", "Kindkans"), ("OSO-OV", "Magister")], True, True),
}

# The SWVs' regions as postcode prefixes (Rotterdam/Schiedam, Utrecht): every demo registration lies inside.
_REGIO = {demo.SWV_RIJNMOND.code: ["30", "31"], demo.SWV_UTRECHT.code: ["35"]}

_REGISTRATIES = {demo.SWV_RIJNMOND.code: ["99AA", "99AB", "99AC02"], demo.SWV_UTRECHT.code: ["99BA", "99BB"]}


def _vestiging(school: demo.DemoSchool, code: str, ingesteld: bool) -> VestigingData:
    straat, plaats, pc = _ADRESSEN[school.brin]
    nummer = 10 + int(code)
    return VestigingData(
        vestigingscode=code,
        naam=school.naam if code == "00" else f"{school.naam} locatie {plaats} {code}",
        # The 99AC02 branch runs its own Magister environment, so its SWV registers it by BRIN6.
        eigen_omgeving=school.brin == "99AC" and code == "02",
        aanleverpuntnummer=0,
        aanleverpunt_ingesteld=ingesteld,
        straat=straat,
        huisnummer=str(nummer),
        postcode=f"{pc} AB",
        plaats=plaats,
        telefoon=f"010-555{int(code):02d}{school.brin[2:].encode().hex()[:2]}",
        email=f"administratie{code}@{school.brin.lower()}.example.nl",
    )


def demo_gegevens() -> RegistryData:
    """The demo world in the import format."""
    besturen = [
        BestuurData(
            nummer=nummer,
            naam=naam,
            scholen=[
                SchoolData(
                    brin=s.brin,
                    naam=s.naam,
                    oso_swv_geregistreerd=_OPZET[s.brin][1],
                    vestigingen=[_vestiging(s, code, _OPZET[s.brin][2]) for code in s.vestigingen],
                    mandaten=[MandaatData(dienst=d, systeem=y) for d, y in _OPZET[s.brin][0]],
                )
                for s in demo.SCHOLEN
                if s.bestuur == nummer
            ],
        )
        for nummer, naam in demo.BESTUREN.items()
    ]
    swvs = [
        SwvData(
            code=w.code,
            naam=w.naam,
            systeem=demo.SYSTEEM_SWV,
            regio=_REGIO[w.code],
            aanleverpunten=[
                AanleverpuntData(
                    id=uuid.UUID(w.aanleverpunt_id),
                    nummer=w.aanleverpunt_nummer,
                    label=w.aanleverpunt_label,
                    endpoint=w.endpoint,
                    oin=w.oin,
                    publieke_sleutel=w.public_key_pem,
                )
            ],
            registraties=_REGISTRATIES[w.code],
        )
        for w in demo.SWVS
    ]
    return RegistryData(
        systemen=[
            SysteemData(naam=demo.SYSTEEM_SCHOOL, soort="school"),
            SysteemData(naam=demo.SYSTEEM_SWV, soort="swv"),
        ],
        besturen=besturen,
        samenwerkingsverbanden=swvs,
    )


async def load(url: str) -> None:
    """Load (or refresh) the demo data into the registry database at ``url``; idempotent."""
    database = Database(url)
    try:
        async with database.transaction() as session:
            await flows.importeer(session, ACTOR, demo_gegevens(), ontwikkeling=True)
    finally:
        await database.dispose()
