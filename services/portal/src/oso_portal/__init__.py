"""Portal: the Dutch client app."""
