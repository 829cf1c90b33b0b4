"""The GEHEIM marker: any settings field that carries it is refused when missing or a development value,
outside ``OSO_OMGEVING=ontwikkeling`` (so a new key setting gets the check by adding the marker)."""

from __future__ import annotations

import pytest
from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import SettingsConfigDict

from oso_shared.settings import GEHEIM, OnveiligeInstelling, ServiceSettings, require_secrets, secret_env_names

DEV_SLEUTEL = "ontwikkel-sleutel-die-iedereen-kent"


class Voorbeeld(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="VOORBEELD_", extra="ignore")

    sleutel: SecretStr | None = Field(default=None, json_schema_extra=GEHEIM)
    sleutels: list[SecretStr] = Field(
        default=[SecretStr(DEV_SLEUTEL)],
        validation_alias=AliasChoices("VOORBEELD_SLEUTELS"),
        json_schema_extra={"geheim": True, "ontwikkelwaarden": ["nog-een-gepubliceerde"]},
    )


@pytest.fixture
def productie(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("OSO_OMGEVING", "acceptatie")
    monkeypatch.setenv("OSO_AUTH_SECRET", "s" * 48)
    monkeypatch.setenv("OSO_METRICS_TOKEN", "m" * 32)
    monkeypatch.setenv("VOORBEELD_SLEUTEL", "echt")
    monkeypatch.setenv("VOORBEELD_SLEUTELS", '["nieuw"]')
    return monkeypatch


def test_the_marked_fields_are_the_secrets() -> None:
    assert secret_env_names(Voorbeeld) == [
        "OSO_AUTH_SECRET",
        "OSO_METRICS_TOKEN",
        "VOORBEELD_SLEUTEL",
        "VOORBEELD_SLEUTELS",
    ]


def test_real_values_pass(productie: pytest.MonkeyPatch) -> None:
    require_secrets(Voorbeeld())


@pytest.mark.parametrize(
    ("name", "value", "reden"),
    [
        ("VOORBEELD_SLEUTEL", None, "ontbreekt"),
        ("VOORBEELD_SLEUTEL", "  ", "ontbreekt"),
        ("VOORBEELD_SLEUTELS", None, "ontwikkelwaarde"),
        ("VOORBEELD_SLEUTELS", f'["{DEV_SLEUTEL}", "oud"]', "ontwikkelwaarde"),
        ("VOORBEELD_SLEUTELS", '["nog-een-gepubliceerde"]', "ontwikkelwaarde"),
        ("VOORBEELD_SLEUTELS", "[]", "ontbreekt"),
        ("OSO_AUTH_SECRET", None, "ontwikkelwaarde"),
    ],
)
def test_a_missing_or_development_value_is_refused_naming_it(
    productie: pytest.MonkeyPatch, name: str, value: str | None, reden: str
) -> None:
    if value is None:
        productie.delenv(name)
    else:
        productie.setenv(name, value)
    with pytest.raises(OnveiligeInstelling) as refused:
        require_secrets(Voorbeeld())
    assert refused.value.instelling == name
    assert reden in refused.value.reden


def test_an_older_development_key_may_stay_behind_a_new_one(productie: pytest.MonkeyPatch) -> None:
    productie.setenv("VOORBEELD_SLEUTELS", f'["nieuw", "{DEV_SLEUTEL}"]')
    require_secrets(Voorbeeld())


def test_development_allows_everything(productie: pytest.MonkeyPatch) -> None:
    productie.setenv("OSO_OMGEVING", "ontwikkeling")
    productie.delenv("VOORBEELD_SLEUTEL")
    productie.delenv("OSO_AUTH_SECRET")
    require_secrets(Voorbeeld())
