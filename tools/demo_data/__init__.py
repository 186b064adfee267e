"""Readable tables for the synthetic demo directory (see ``tools/build_demo_directory.py``).

Every multilingual entry is a tuple in :data:`LANGS` order: German first, then the six
translation languages. All names, phone numbers and e-mail addresses are invented.
"""

LANGS = ("de", "en", "tr", "ar", "fa", "uk", "ru")
TRANSLATION_LANGS = LANGS[1:]
