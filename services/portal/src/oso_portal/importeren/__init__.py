"""Beheer → Importeren: the schoolbeheerder tests and reads in Magister exports through the dossier service."""
