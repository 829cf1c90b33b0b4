"""Ophalen: the SWV system fetches a dossier with its koppelsleutel."""
