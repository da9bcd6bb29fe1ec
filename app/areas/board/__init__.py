"""The board-report area (its area module hands it over as one Area)."""
