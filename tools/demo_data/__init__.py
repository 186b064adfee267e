"""Readable tables for the synthetic demo directory (see ``tools/build_demo_directory.py``).

Offer templates carry their texts per language code (see ``templates_family``). The short
recurring phrases (schedules, costs, accessibility) are tuples in :data:`LANGS` order; the
topic names are tuples in :data:`PHRASE_LANGS` order (the languages of the window's filter
lists). Provider kinds and the providers themselves are in ``providers``. Names, phone
numbers and e-mail addresses are invented, except the national helplines, whose public
numbers are real on purpose (``templates_crisis``).
"""

# Every handout language a family may read; German first (the source).
LANGS = ("de", "en", "tr", "ar", "fa", "uk", "ru", "pl", "ro", "ku", "ti", "de-x-easy")
TRANSLATION_LANGS = LANGS[1:]
# Languages of the topic names in ``topics``.
PHRASE_LANGS = ("de", "en", "tr", "ar", "fa", "uk", "ru")
