"""Version 4: drop ``ix_translation_entity``.

The translation key starts with the same two columns, so the index only doubled the work of
every insert (a full sync of 100,000 offers: 300,000 translation rows, 7 MB of index).
"""

SQL = """
DROP INDEX IF EXISTS ix_translation_entity;
"""
