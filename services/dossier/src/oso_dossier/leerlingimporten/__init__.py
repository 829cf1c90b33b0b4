"""Import of the school's Magister exports (leerlingen, groepen, leerling-groep-koppel) and the inrichting."""
