"""The assets-and-risk area (its area module hands it over as one Area)."""
