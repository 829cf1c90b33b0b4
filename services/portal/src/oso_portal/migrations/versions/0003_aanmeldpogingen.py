"""Sign-in attempts for the sliding-window rate limits per account and per client address.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "aanmeldpogingen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("sleutel", sa.String(length=64), nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aanmeldpogingen")),
    )
    op.create_index("ix_aanmeldpogingen_sleutel_tijdstip", "aanmeldpogingen", ["sleutel", "tijdstip"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_aanmeldpogingen_sleutel_tijdstip", table_name="aanmeldpogingen")
    op.drop_table("aanmeldpogingen")
