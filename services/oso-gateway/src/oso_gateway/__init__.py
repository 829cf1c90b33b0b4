"""oso-gateway: the school side's OSO endpoint (notify, fetch, terugkoppeling)."""
