"""Config stage: YAML read safely with positions, validated into typed models."""
