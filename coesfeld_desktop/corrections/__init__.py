"""Corrections from the desk ("Stimmt etwas nicht?"): a counsellor reports that an offer's
facts are wrong; the report waits in the outbox, travels over the return channel with the
sync, and the district lists every report for its editors. Qt-free.
"""
