"""Clients of the services the receiver calls (only the school side's oso-gateway)."""
