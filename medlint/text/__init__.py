"""Text helpers shared by rules of different groups (sentences of a spaCy Doc, ...)."""
