"""Tables stage: named sources read, checked and coerced into pandas frames."""
