"""Typed clients of the gateway's peers: the registry, the dossier service and the SWV endpoints."""
