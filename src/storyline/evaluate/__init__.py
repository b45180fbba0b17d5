"""Measurement against public gold data, one module per benchmark.

Floors for each score live in ``eval_baseline.json`` at the repository root; CI fails when a
score drops below its floor. Gold data is read from ``../shared/data`` and never shipped.
"""
