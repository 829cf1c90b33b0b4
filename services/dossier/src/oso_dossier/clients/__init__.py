"""Clients of the services the dossier service calls (registry, oso-gateway)."""
