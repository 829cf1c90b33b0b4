"""Leerlingimporten en inrichting: inschrijvingen, medewerkers, groepen, koppelingen, verzorgers, importlog.

Additive only: new tables, nothing in existing tables changes (issue 17). Foreign keys are deferred to commit.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 23:15:34.003889
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "leerlingimporten",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("brin", sa.String(length=4), nullable=False),
        sa.Column("vestigingscode", sa.String(length=2), nullable=False),
        sa.Column("schooljaar", sa.String(length=9), nullable=False),
        sa.Column("soort", sa.String(length=20), nullable=False),
        sa.Column("modus", sa.String(length=10), nullable=False),
        sa.Column("tekenset", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("regels", sa.Integer(), nullable=False),
        sa.Column("aantallen", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("bestand_sha256", sa.String(length=64), nullable=False),
        sa.Column("door", sa.String(length=200), nullable=False),
        sa.Column("op", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leerlingimporten")),
    )
    op.create_index(op.f("ix_leerlingimporten_brin"), "leerlingimporten", ["brin"], unique=False)
    op.create_index(op.f("ix_leerlingimporten_op"), "leerlingimporten", ["op"], unique=False)
    op.create_table(
        "medewerkers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("brin", sa.String(length=4), nullable=False),
        sa.Column("nummer", sa.String(length=200), nullable=False),
        sa.Column("roepnaam", sa.String(length=200), nullable=True),
        sa.Column("tussenvoegsel", sa.String(length=200), nullable=True),
        sa.Column("achternaam", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_medewerkers")),
        sa.UniqueConstraint("brin", "nummer", name=op.f("uq_medewerkers_brin_nummer")),
    )
    op.create_index(op.f("ix_medewerkers_brin"), "medewerkers", ["brin"], unique=False)
    op.create_table(
        "groepen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=200), nullable=False),
        sa.Column("docent_id", sa.Uuid(), nullable=True),
        sa.Column("begonnen_op", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("beeindigd_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("brin", sa.String(length=4), nullable=False),
        sa.Column("vestigingscode", sa.String(length=2), nullable=False),
        sa.Column("schooljaar", sa.String(length=9), nullable=False),
        sa.Column("import_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["docent_id"],
            ["medewerkers.id"],
            name=op.f("fk_groepen_docent_id_medewerkers"),
            ondelete="SET NULL",
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_groepen")),
        sa.UniqueConstraint(
            "brin", "schooljaar", "vestigingscode", "code", name=op.f("uq_groepen_brin_schooljaar_vestigingscode_code")
        ),
    )
    op.create_index(op.f("ix_groepen_brin"), "groepen", ["brin"], unique=False)
    op.create_table(
        "leerling_inschrijvingen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("leerling_id", sa.Uuid(), nullable=False),
        sa.Column("ilt_code", sa.String(length=200), nullable=True),
        sa.Column("leerjaar", sa.String(length=200), nullable=True),
        sa.Column("klas", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("vertrekdatum", sa.Date(), nullable=True),
        sa.Column("uitgeschreven", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("gewijzigd_op", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("brin", sa.String(length=4), nullable=False),
        sa.Column("vestigingscode", sa.String(length=2), nullable=False),
        sa.Column("schooljaar", sa.String(length=9), nullable=False),
        sa.Column("import_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["leerling_id"],
            ["leerlingen.id"],
            name=op.f("fk_leerling_inschrijvingen_leerling_id_leerlingen"),
            ondelete="CASCADE",
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leerling_inschrijvingen")),
        sa.UniqueConstraint(
            "leerling_id", "schooljaar", name=op.f("uq_leerling_inschrijvingen_leerling_id_schooljaar")
        ),
    )
    op.create_index(op.f("ix_leerling_inschrijvingen_brin"), "leerling_inschrijvingen", ["brin"], unique=False)
    op.create_index(
        op.f("ix_leerling_inschrijvingen_leerling_id"), "leerling_inschrijvingen", ["leerling_id"], unique=False
    )
    op.create_table(
        "leerling_mentoren",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("medewerker_id", sa.Uuid(), nullable=False),
        sa.Column("soort", sa.String(length=20), nullable=False),
        sa.Column("volgnummer", sa.Integer(), nullable=False),
        sa.Column("leerling_id", sa.Uuid(), nullable=False),
        sa.Column("begonnen_op", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("beeindigd_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("brin", sa.String(length=4), nullable=False),
        sa.Column("vestigingscode", sa.String(length=2), nullable=False),
        sa.Column("schooljaar", sa.String(length=9), nullable=False),
        sa.Column("import_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["leerling_id"],
            ["leerlingen.id"],
            name=op.f("fk_leerling_mentoren_leerling_id_leerlingen"),
            ondelete="CASCADE",
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["medewerker_id"],
            ["medewerkers.id"],
            name=op.f("fk_leerling_mentoren_medewerker_id_medewerkers"),
            ondelete="CASCADE",
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leerling_mentoren")),
    )
    op.create_index(op.f("ix_leerling_mentoren_brin"), "leerling_mentoren", ["brin"], unique=False)
    op.create_index(op.f("ix_leerling_mentoren_leerling_id"), "leerling_mentoren", ["leerling_id"], unique=False)
    op.create_index(op.f("ix_leerling_mentoren_medewerker_id"), "leerling_mentoren", ["medewerker_id"], unique=False)
    op.create_table(
        "leerlingimport_logregels",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("import_id", sa.Uuid(), nullable=False),
        sa.Column("regel", sa.Integer(), nullable=False),
        sa.Column("kolom", sa.String(length=80), nullable=True),
        sa.Column("soort", sa.String(length=12), nullable=False),
        sa.Column("melding", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["leerlingimporten.id"],
            name=op.f("fk_leerlingimport_logregels_import_id_leerlingimporten"),
            ondelete="CASCADE",
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leerlingimport_logregels")),
    )
    op.create_index(
        op.f("ix_leerlingimport_logregels_import_id"), "leerlingimport_logregels", ["import_id"], unique=False
    )
    op.create_table(
        "verzorgers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("volgnummer", sa.Integer(), nullable=False),
        sa.Column("voorletters", sa.String(length=200), nullable=True),
        sa.Column("tussenvoegsel", sa.String(length=200), nullable=True),
        sa.Column("achternaam", sa.String(length=200), nullable=False),
        sa.Column("geslacht", sa.String(length=1), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("post_ontvangen", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("leerling_id", sa.Uuid(), nullable=False),
        sa.Column("begonnen_op", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("beeindigd_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("brin", sa.String(length=4), nullable=False),
        sa.Column("vestigingscode", sa.String(length=2), nullable=False),
        sa.Column("schooljaar", sa.String(length=9), nullable=False),
        sa.Column("import_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["leerling_id"],
            ["leerlingen.id"],
            name=op.f("fk_verzorgers_leerling_id_leerlingen"),
            ondelete="CASCADE",
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verzorgers")),
    )
    op.create_index(op.f("ix_verzorgers_brin"), "verzorgers", ["brin"], unique=False)
    op.create_index(op.f("ix_verzorgers_leerling_id"), "verzorgers", ["leerling_id"], unique=False)
    op.create_table(
        "leerling_groepen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("groep_id", sa.Uuid(), nullable=False),
        sa.Column("leerling_id", sa.Uuid(), nullable=False),
        sa.Column("begonnen_op", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("beeindigd_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("brin", sa.String(length=4), nullable=False),
        sa.Column("vestigingscode", sa.String(length=2), nullable=False),
        sa.Column("schooljaar", sa.String(length=9), nullable=False),
        sa.Column("import_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["groep_id"],
            ["groepen.id"],
            name=op.f("fk_leerling_groepen_groep_id_groepen"),
            ondelete="CASCADE",
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["leerling_id"],
            ["leerlingen.id"],
            name=op.f("fk_leerling_groepen_leerling_id_leerlingen"),
            ondelete="CASCADE",
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leerling_groepen")),
    )
    op.create_index(op.f("ix_leerling_groepen_brin"), "leerling_groepen", ["brin"], unique=False)
    op.create_index(op.f("ix_leerling_groepen_groep_id"), "leerling_groepen", ["groep_id"], unique=False)
    op.create_index(op.f("ix_leerling_groepen_leerling_id"), "leerling_groepen", ["leerling_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_leerling_groepen_leerling_id"), table_name="leerling_groepen")
    op.drop_index(op.f("ix_leerling_groepen_groep_id"), table_name="leerling_groepen")
    op.drop_index(op.f("ix_leerling_groepen_brin"), table_name="leerling_groepen")
    op.drop_table("leerling_groepen")
    op.drop_index(op.f("ix_verzorgers_leerling_id"), table_name="verzorgers")
    op.drop_index(op.f("ix_verzorgers_brin"), table_name="verzorgers")
    op.drop_table("verzorgers")
    op.drop_index(op.f("ix_leerlingimport_logregels_import_id"), table_name="leerlingimport_logregels")
    op.drop_table("leerlingimport_logregels")
    op.drop_index(op.f("ix_leerling_mentoren_medewerker_id"), table_name="leerling_mentoren")
    op.drop_index(op.f("ix_leerling_mentoren_leerling_id"), table_name="leerling_mentoren")
    op.drop_index(op.f("ix_leerling_mentoren_brin"), table_name="leerling_mentoren")
    op.drop_table("leerling_mentoren")
    op.drop_index(op.f("ix_leerling_inschrijvingen_leerling_id"), table_name="leerling_inschrijvingen")
    op.drop_index(op.f("ix_leerling_inschrijvingen_brin"), table_name="leerling_inschrijvingen")
    op.drop_table("leerling_inschrijvingen")
    op.drop_index(op.f("ix_groepen_brin"), table_name="groepen")
    op.drop_table("groepen")
    op.drop_index(op.f("ix_medewerkers_brin"), table_name="medewerkers")
    op.drop_table("medewerkers")
    op.drop_index(op.f("ix_leerlingimporten_op"), table_name="leerlingimporten")
    op.drop_index(op.f("ix_leerlingimporten_brin"), table_name="leerlingimporten")
    op.drop_table("leerlingimporten")
