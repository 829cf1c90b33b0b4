"""Bijlagen of a draft dossier, stored as PostgreSQL large objects."""
