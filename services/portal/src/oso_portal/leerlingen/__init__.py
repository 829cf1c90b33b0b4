"""Leerlingen pages of the zorgcoördinator (data from the dossier service)."""
