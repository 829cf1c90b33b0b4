"""Hulpvragen: what an incoming dossier becomes at the SWV, worked on by SWV users."""
