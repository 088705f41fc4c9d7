"""Generator of realistic scanned municipal mail with ground truth (``semantha samples``)."""
