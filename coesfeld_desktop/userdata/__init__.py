"""Qt-free services for the counsellor's own data: Merkliste, notes, settings.

These tables are never written by imports or syncs.
"""
