"""The Qt side of the incidents area: the reportability wizard and the PPC report draft."""
