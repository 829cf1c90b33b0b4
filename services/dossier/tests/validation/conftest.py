"""Fixtures of the validation tests: the official examples, read at run time from the schema folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from oso_dossier.validation.schema import find_schema_dir

OD = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"
NS = {"od": OD}
Mutation = Callable[[etree._Element], None]


@pytest.fixture(scope="session")
def schema_dir() -> Path:
    found = find_schema_dir(Path.cwd().resolve(), Path(__file__).resolve().parent)
    assert found is not None, "../shared/oso with OSO_gegevensset.xsd is needed for these tests"
    return found


@pytest.fixture(scope="session")
def full_xml(schema_dir: Path) -> bytes:
    return (schema_dir / "Voorbeelddossier_PaO_VOSWV_full.xml").read_bytes()


@pytest.fixture(scope="session")
def opt_out_xml(schema_dir: Path) -> bytes:
    return (schema_dir / "Voorbeelddossier_PaO_VOSWV_opt_out.xml").read_bytes()
