"""The leerling page tabs (Basisgegevens, Ouders/verzorgers, Contact, Vrije info, Communicatie) from the dossier."""
