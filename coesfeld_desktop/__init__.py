"""Angebotslotse: the offline-first offer directory for the counselling centres of Kreis Coesfeld."""

__version__ = "0.1.0"
APP_NAME = "Angebotslotse"
