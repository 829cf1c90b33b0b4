"""The exchange check: may this school send to this aanleverpunt, and if not, which steps are missing."""
