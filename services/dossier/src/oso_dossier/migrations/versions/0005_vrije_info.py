"""vrije info per leerling

Free text the school keeps on a pupil (the portal's Vrije info tab). Its own column, outside ``gegevens``:
the OSO XML and the dossier snapshots are built from ``gegevens`` only, so this text never leaves the school
unless the zorgcoördinator copies it into a dossier. Additive: one nullable column.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 00:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("leerlingen", sa.Column("vrije_info", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("leerlingen", "vrije_info")
