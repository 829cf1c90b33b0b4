"""Dossier service: VO-SWV dossiers, OSO XML, validation, PDF and terugkoppeling."""
