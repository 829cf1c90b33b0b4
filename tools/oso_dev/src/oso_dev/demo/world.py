"""The fixed demo world that `make run` loads into every service, so that ids line up across services.

Development and demo only. The two Ed25519 private keys below are published in this repository and must
never be used outside a demo: a real SWV system holds its own key and registers only the public key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

SYSTEEM_SCHOOL = "Magister"
SYSTEEM_SWV = "Kindkans"
DIENST_SWV = "OSO-SWV"


@dataclass(frozen=True)
class DemoSwv:
    code: str
    naam: str
    aanleverpunt_id: str
    aanleverpunt_nummer: str
    aanleverpunt_label: str
    oin: str
    endpoint: str
    private_key_pem: str
    public_key_pem: str


RECEIVER_NOTIFY_URL = "http://127.0.0.1:8004/v1/notificaties"

SWV_RIJNMOND = DemoSwv(
    code="VO2801",
    naam="Samenwerkingsverband VO Rijnmond",
    aanleverpunt_id="59f952f6-e07e-5962-97d7-2a6d9ee87d66",
    aanleverpunt_nummer="2801500",
    aanleverpunt_label="2801 500 SWV VO Rijnmond",
    oin="00000001823288444000",
    endpoint=RECEIVER_NOTIFY_URL,
    private_key_pem="""-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIIMGEarkvpRor+Z6qApt3By6lHkb0cXsenyRt3kv733i
-----END PRIVATE KEY-----
""",
    public_key_pem="""-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAeoGlXE2JNUmRAGXLVuytL4SafidMf4YvypIFWz2eDhg=
-----END PUBLIC KEY-----
""",
)

SWV_UTRECHT = DemoSwv(
    code="VO2605",
    naam="Samenwerkingsverband VO Utrecht",
    aanleverpunt_id="2a03b2d5-d279-5f38-8b2d-9d5da8432841",
    aanleverpunt_nummer="2605500",
    aanleverpunt_label="2605 500 SWV VO Utrecht",
    oin="00000001823288445000",
    endpoint=RECEIVER_NOTIFY_URL,
    private_key_pem="""-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEINc2vpR/hvV00oJkBPYGhF8gJPaFramVMEgKF1AbN7Q8
-----END PRIVATE KEY-----
""",
    public_key_pem="""-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEA+QXgyZcRTY9DemGP34jBsTVgnDt0j+lTdb3beX+Ijyo=
-----END PUBLIC KEY-----
""",
)

SWVS = (SWV_RIJNMOND, SWV_UTRECHT)


def aanleverpunt_sleutels() -> list[dict[str, str]]:
    """The receiver's ``aanleverpunten`` setting for the demo SWVs (it has no default: production sets its own)."""
    return [
        {
            "id": s.aanleverpunt_id,
            "nummer": s.aanleverpunt_nummer,
            "swv_code": s.code,
            "private_key_pem": s.private_key_pem,
        }
        for s in SWVS
    ]


def receiver_env() -> dict[str, str]:
    """Environment the dev supervisor and the e2e chain give the receiver: the demo aanleverpunten and keys."""
    return {"RECEIVER_AANLEVERPUNTEN": json.dumps(aanleverpunt_sleutels())}


@dataclass(frozen=True)
class DemoSchool:
    brin: str
    naam: str
    bestuur: str
    vestigingen: tuple[str, ...]


BESTUREN = {"41234": "Stichting Voortgezet Onderwijs Rijnmond", "42345": "Stichting Openbaar VO Utrecht"}

# 99AA is fully set up with SWV Rijnmond (the happy path); the others each miss something, so every
# missing-step code of the exchange check shows up somewhere in the demo.
SCHOLEN = (
    DemoSchool("99AA", "Scholengemeenschap De Brug", "41234", ("00", "01")),
    DemoSchool("99AB", "Lyceum Noorderlicht", "41234", ("00",)),
    DemoSchool("99AC", "Vakcollege De Maas", "41234", ("00", "02")),
    DemoSchool("99BA", "Stadscollege Utrecht", "42345", ("00",)),
    DemoSchool("99BB", "Montessori VO Utrecht", "42345", ("00", "01")),
)
