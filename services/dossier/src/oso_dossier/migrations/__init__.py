"""Alembic migrations of the dossier service."""
