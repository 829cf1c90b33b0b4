"""Reference SWV receiver (Kindkans stand-in)."""
