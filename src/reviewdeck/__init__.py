"""reviewdeck: sales data + a YAML config in, a finished, branded review deck out."""

__version__ = "0.1.0"
