"""Every text field of every request body refuses what XML 1.0 cannot carry (422 naming the field)."""

from __future__ import annotations

from oso_registry.main import create_app
from oso_registry.settings import Settings
from oso_shared.tekst import onbeschermde_aanvraagvelden


def test_every_text_field_of_every_request_body_has_the_check(settings: Settings) -> None:
    assert onbeschermde_aanvraagvelden(create_app(settings)) == []
