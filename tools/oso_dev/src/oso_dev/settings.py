"""Settings of a test run (the only environment the dev tools read besides the services' own settings)."""

from __future__ import annotations

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_TEST_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/test"


class TestSettings(BaseSettings):
    """Settings of the test run itself."""

    __test__ = False  # not a pytest test class
    model_config = SettingsConfigDict(extra="ignore")

    test_database_url: str = Field(
        default=DEFAULT_TEST_DATABASE_URL, validation_alias=AliasChoices("TEST_DATABASE_URL")
    )
    # Lets two test runs share one server without touching each other's databases.
    test_database_prefix: str = Field(default="test", validation_alias=AliasChoices("TEST_DATABASE_PREFIX"))
