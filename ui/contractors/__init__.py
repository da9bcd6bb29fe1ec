"""The contractor area's own screens (the questionnaire round trip)."""
