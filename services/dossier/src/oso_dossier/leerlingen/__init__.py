"""Leerlingen of a school, with their persoonsgebonden nummers encrypted at rest."""
