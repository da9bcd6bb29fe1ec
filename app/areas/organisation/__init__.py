"""The organisation-and-people area (its area module hands it over as one Area)."""
