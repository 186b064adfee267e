"""Angebotslotse: the offline-first offer directory for counselling centres in Kreis Coesfeld."""

__version__ = "0.1.0"
APP_NAME = "Angebotslotse"
