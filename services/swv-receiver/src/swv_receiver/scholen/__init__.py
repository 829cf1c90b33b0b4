"""Schools the SWV registered in its system (Kindkans: Beheer > Organisatie)."""
