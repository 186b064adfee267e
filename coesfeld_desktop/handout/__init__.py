"""Handouts (Handzettel): a sheet of chosen offers in the family's language, as PDF.

Qt-free: ``basket`` (what goes on the sheet), ``compose`` (reading offers from the store),
``pdf`` (the reportlab builder), ``text``/``rtl``/``fonts`` (shaping, bidi, fonts per
script), ``labels`` (gettext labels and babel formatting), ``qr``, ``history``.
"""
