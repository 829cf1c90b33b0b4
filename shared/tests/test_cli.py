"""``oso-admin token`` mints tokens the services accept, with the scope claim each role needs."""

from __future__ import annotations

from typer.testing import CliRunner

from oso_shared.auth import Rol, TokenService
from oso_shared.cli import app
from oso_shared.settings import DEV_AUTH_SECRET

runner = CliRunner()


def test_token_for_a_zorgcoordinator_carries_school_and_right() -> None:
    result = runner.invoke(app, ["token", "zorgcoordinator", "--school", "99AA"])
    assert result.exit_code == 0, result.output
    principal = TokenService(DEV_AUTH_SECRET).verify(result.stdout.strip())
    assert (principal.rol, principal.school) == (Rol.ZORGCOORDINATOR, "99AA")
    assert "overdrachtsdossier" in principal.rechten


def test_token_for_a_board_admin() -> None:
    result = runner.invoke(app, ["token", "bestuursbeheerder", "--bestuur", "41234", "--minuten", "5"])
    principal = TokenService(DEV_AUTH_SECRET).verify(result.stdout.strip())
    assert (principal.rol, principal.bestuur) == (Rol.BESTUURSBEHEERDER, "41234")


def test_scope_is_required_for_scoped_roles() -> None:
    result = runner.invoke(app, ["token", "swv-beheerder"])
    assert result.exit_code == 2
    assert "--swv" in result.output


def test_unknown_role_is_a_usage_error() -> None:
    assert runner.invoke(app, ["token", "directeur"]).exit_code == 2
