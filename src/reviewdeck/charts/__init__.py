"""Chart builder: one renderer-neutral ChartSpec drawn natively (editable) or as an image."""
