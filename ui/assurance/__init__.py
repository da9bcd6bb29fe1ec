"""The Qt side of the assurance area: audit coverage page, effectiveness check and loop history."""
