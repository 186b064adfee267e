"""The return channel from a counselling centre to the district: signed messages, delivered
to a folder (USB stick, network share) or a WebDAV folder (e.g. Nextcloud), queued offline.

Why generic: the needs analysis sends its suppressed tables this way, and other kinds of
message (e.g. a correction to an offer) can travel the same way later. Qt-free.
"""
