"""Registry service: OSR mandates, BRIN routing and the exchange check."""
