"""Portal accounts (gebruikers) and server-side sessions (sessies).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "gebruikers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("gebruikersnaam", sa.String(length=80), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("wachtwoord_hash", sa.String(length=200), nullable=False),
        sa.Column("rol", sa.String(length=40), nullable=False),
        sa.Column("bestuur", sa.String(length=20), nullable=True),
        sa.Column("swv", sa.String(length=20), nullable=True),
        sa.Column("school", sa.String(length=4), nullable=True),
        sa.Column("rechten", sa.ARRAY(sa.String(length=60)), nullable=False),
        sa.Column("actief", sa.Boolean(), nullable=False),
        sa.Column("mislukte_pogingen", sa.Integer(), nullable=False),
        sa.Column("geblokkeerd_tot", sa.DateTime(timezone=True), nullable=True),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gebruikers")),
        sa.UniqueConstraint("gebruikersnaam", name=op.f("uq_gebruikers_gebruikersnaam")),
    )
    op.create_table(
        "sessies",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("gebruiker_id", sa.Uuid(), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verloopt_op", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["gebruiker_id"],
            ["gebruikers.id"],
            name=op.f("fk_sessies_gebruiker_id_gebruikers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_sessies")),
    )
    op.create_index(op.f("ix_sessies_gebruiker_id"), "sessies", ["gebruiker_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_sessies_gebruiker_id"), table_name="sessies")
    op.drop_table("sessies")
    op.drop_table("gebruikers")
