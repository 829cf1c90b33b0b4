"""fetched dossiers and bijlagen stored uncompressed

PostgreSQL tries pglz on every value over 2 kB before moving it out of line. A dossier XML is mostly
base64 of already-compressed bijlagen: the attempt ran over the whole value for little gain and was a
quarter of the database's CPU in bench/e2e.py. EXTERNAL keeps the value out of line, uncompressed.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 18:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (("notificaties", "dossier_xml"), ("bijlagen", "inhoud"))


def upgrade() -> None:
    for table, column in COLUMNS:
        op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STORAGE EXTERNAL")


def downgrade() -> None:
    for table, column in COLUMNS:
        op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STORAGE EXTENDED")
