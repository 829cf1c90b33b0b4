"""Terugkoppelingen: feedback from the SWV system, forwarded to the dossier service."""
