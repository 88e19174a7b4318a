"""python -m reviewdeck.samples: refresh the shipped sample data from sample_inputs/."""

from reviewdeck.samples import pack

for path in pack():
    print(f"packed {path}")
