"""Audit log of every change in the registry (who, role, when, before/after)."""
