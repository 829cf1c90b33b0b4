"""A small HTML page listing the hulpvragen (the API is the real interface)."""
