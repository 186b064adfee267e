"""Qt-free sync with the central directory export: format, signing, safe reading, verify, apply.

The flow is ``fetch`` (or a local file) -> ``verify`` (nothing touches the database) ->
``apply`` (one transaction). :mod:`coesfeld_desktop.sync.service` ties it together.
"""
