"""The needs analysis (Angebots- und Bedarfsanalyse): Anliegen in fixed categories, coverage,
suppressed tables for the district. Qt-free; privacy by construction (see docs/privacy.md).
"""
