"""Typed clients of the services the portal calls on behalf of the signed-in user (registry, dossier)."""
