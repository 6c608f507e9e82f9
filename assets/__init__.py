"""Data shipped with Déclic (fonts, images, sounds, reference data); no code."""
