"""Start-up work that spans layers: filling an empty store, recovering a damaged one.

Why a package of its own beside ``services.py``: filling the store needs the search index
and recovery needs the sync's verified exports, while the store itself must not import
either (layers point down). This package sits above store, search, sync and handout and
wires them together; ``store/`` keeps only what needs nothing above it (checking, salvaging,
the messages).
"""
