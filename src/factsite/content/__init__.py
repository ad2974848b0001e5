"""Stage 1, content: read `content/`, validate it, and hand on an immutable Edition.

Knows no page, no engine and no rendering: the model, YAML with positions, the loader, its
diagnostics, the reference and provenance checks, units, periods and the entity kinds.
"""
