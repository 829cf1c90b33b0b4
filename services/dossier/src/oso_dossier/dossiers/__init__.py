"""VO-SWV dossiers: records (service), use cases (flows), views, choices, OSO XML and PDF."""
