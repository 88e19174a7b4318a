"""Plan stage: the deck as pure data (slide specs), printable as JSON with --plan."""
