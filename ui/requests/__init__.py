"""The Qt side of the requests area: the answer-clock dialog, the provision-record lookup, the
corrective action a complaint raises, and the retention purge page."""
