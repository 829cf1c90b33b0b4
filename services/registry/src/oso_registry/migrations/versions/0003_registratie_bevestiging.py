"""A registration outside the SWV's region waits for the school board (status), and SWVs get a region.

Additive: existing registrations are ``actief``; an SWV without a region has every new registration confirmed
by the board.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 00:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "samenwerkingsverbanden",
        sa.Column("regio", postgresql.ARRAY(sa.String(length=4)), server_default="{}", nullable=False),
    )
    op.add_column(
        "swv_registraties", sa.Column("status", sa.String(length=12), server_default="actief", nullable=False)
    )
    op.add_column("swv_registraties", sa.Column("beoordeeld_op", sa.DateTime(timezone=True), nullable=True))
    op.add_column("swv_registraties", sa.Column("beoordeeld_door", sa.String(length=200), nullable=True))
    op.create_check_constraint(
        op.f("ck_swv_registraties_status"), "swv_registraties", "status IN ('aangevraagd', 'actief', 'afgewezen')"
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_swv_registraties_status"), "swv_registraties", type_="check")
    op.drop_column("swv_registraties", "beoordeeld_door")
    op.drop_column("swv_registraties", "beoordeeld_op")
    op.drop_column("swv_registraties", "status")
    op.drop_column("samenwerkingsverbanden", "regio")
