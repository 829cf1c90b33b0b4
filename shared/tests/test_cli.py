"""``oso-admin token`` mints portal-signed tokens the services accept; ``oso-admin sleutels`` rotates token keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oso_dev.sleutels import Sleutelset
from oso_dev.testing import test_sleutels
from oso_shared.auth import Principal, Rol, TokenService
from oso_shared.cli import app
from oso_shared.problems import Unauthorized
from oso_shared.tokensleutels import Verificatiesleutels, laad_privesleutel

runner = CliRunner()


def test_token_for_a_zorgcoordinator_carries_school_and_right() -> None:
    result = runner.invoke(app, ["token", "zorgcoordinator", "--school", "99AA"])
    assert result.exit_code == 0, result.output
    principal = test_sleutels().tokens("dossier").verify(result.stdout.strip())
    assert (principal.rol, principal.school) == (Rol.ZORGCOORDINATOR, "99AA")
    assert "overdrachtsdossier" in principal.rechten


def test_token_for_a_board_admin_only_for_the_named_service() -> None:
    result = runner.invoke(app, ["token", "bestuursbeheerder", "--bestuur", "41234", "--voor", "registry"])
    principal = test_sleutels().tokens("registry").verify(result.stdout.strip())
    assert (principal.rol, principal.bestuur) == (Rol.BESTUURSBEHEERDER, "41234")
    with pytest.raises(Unauthorized):
        test_sleutels().tokens("dossier").verify(result.stdout.strip())


def test_token_signs_with_the_dev_keys_of_the_run_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # What `oso-dev run` leaves behind; a shell without the settings still gets tokens the services accept.
    sleutels = Sleutelset.in_map(tmp_path / "keys")
    for name in ("PORTAL_TOKEN_SLEUTEL", "OSO_VERIFICATIE_SLEUTELS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OSO_RUN_DIR", str(tmp_path))
    result = runner.invoke(app, ["token", "swv-beheerder", "--swv", "VO2801"])
    assert result.exit_code == 0, result.output
    assert sleutels.tokens("swv-receiver").verify(result.stdout.strip()).swv == "VO2801"
    assert Sleutelset.in_map(tmp_path / "keys") == sleutels  # kept, not regenerated


def test_no_dienst_tokens_and_scope_required() -> None:
    assert runner.invoke(app, ["token", "dienst"]).exit_code == 2
    result = runner.invoke(app, ["token", "swv-beheerder"])
    assert result.exit_code == 2
    assert "--swv" in result.output


def test_unknown_role_is_a_usage_error() -> None:
    assert runner.invoke(app, ["token", "directeur"]).exit_code == 2


def test_rotation_new_key_overlaps_then_old_key_is_withdrawn(tmp_path: Path) -> None:
    oud = Sleutelset.nieuw(["portal"])
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps(oud.jwks))
    nieuw_pem = tmp_path / "portal-nieuw.pem"
    result = runner.invoke(app, ["sleutels", "nieuw", "portal", "--jwks", str(jwks), "--sleutel-uit", str(nieuw_pem)])
    assert result.exit_code == 0, result.output
    assert nieuw_pem.stat().st_mode & 0o077 == 0
    overlap = json.loads(result.stdout)
    assert [k["kid"].split(":")[0] for k in overlap["keys"]] == ["portal", "portal"]
    oud_kid, nieuw_kid = (k["kid"] for k in overlap["keys"])
    sleutels = Verificatiesleutels(overlap)
    oude_signer = TokenService("portal", sleutels, laad_privesleutel(oud.prive["portal"]))
    nieuwe_signer = TokenService("portal", sleutels, laad_privesleutel(nieuw_pem.read_text()))
    user = Principal(sub="u", rol=Rol.SCHOOLBEHEERDER, school="99AA")
    oud_token = oude_signer.issue(user, audience="registry")
    verifier = TokenService("registry", sleutels)
    # During the overlap tokens of both keys hold; the signer names its own (the newest) kid.
    assert verifier.verify(oud_token) == verifier.verify(nieuwe_signer.issue(user, audience="registry"))
    kid_result = runner.invoke(app, ["sleutels", "kid", str(nieuw_pem), "--jwks", str(jwks.with_name("x.json"))])
    assert kid_result.exit_code == 2
    (tmp_path / "overlap.json").write_text(result.stdout)
    kid = runner.invoke(app, ["sleutels", "kid", str(nieuw_pem), "--jwks", str(tmp_path / "overlap.json")])
    assert kid.stdout.strip() == nieuw_kid

    ingetrokken = runner.invoke(app, ["sleutels", "intrekken", oud_kid, "--jwks", str(tmp_path / "overlap.json")])
    assert ingetrokken.exit_code == 0, ingetrokken.output
    na = TokenService("registry", Verificatiesleutels(json.loads(ingetrokken.stdout)))
    with pytest.raises(Unauthorized):
        na.verify(oud_token)


def test_new_key_printed_with_its_jwks_when_no_file_is_given() -> None:
    result = runner.invoke(app, ["sleutels", "nieuw", "dossier"])
    assert result.exit_code == 0, result.output
    pem, _, jwks = result.stdout.partition("-----END PRIVATE KEY-----\n")
    key = laad_privesleutel(pem + "-----END PRIVATE KEY-----\n")
    assert Verificatiesleutels(json.loads(jwks)).kid_van(key) is not None
