"""Saying how a text was translated: by a machine, and whether the translation is older than
the German text it came from.

Why on every surface: the EU AI Act (Art. 50) asks that machine-generated text be marked as
such where people read it; a family reading a handout and a counsellor reading a row must
both see it. One wording for the row, the detail pane and the window's handout preview.
"""

from __future__ import annotations

from coesfeld_desktop.i18n import Translate


def translation_mark(machine_translated: bool, outdated: bool, _: Translate) -> str:
    """``maschinell übersetzt``, ``Übersetzung älter als der deutsche Text``, both, or ""."""
    if machine_translated and outdated:
        return _("maschinell übersetzt, älter als der deutsche Text")
    if machine_translated:
        return _("maschinell übersetzt")
    if outdated:
        return _("Übersetzung älter als der deutsche Text")
    return ""
