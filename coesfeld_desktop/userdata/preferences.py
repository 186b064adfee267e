"""Typed preferences over the string key/value :class:`SettingsService`.

Why a typed layer: the keys are shared with the handout and sync code, so they are spelled
once here, and every reader gets a checked value (a known language, a zoom inside its range,
a real town) instead of whatever string happens to be stored. Qt-free: the command line and
the handouts read the same values.

The validation helpers return a *problem code* (or ``None``) rather than raising, so the
dialogs can show a translated message next to the field.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coesfeld_desktop.domain.freshness import (
    MAX_STALE_MONTHS,
    MIN_STALE_MONTHS,
    parse_stale_months,
)
from coesfeld_desktop.domain.towns import town_by_name
from coesfeld_desktop.userdata.keys import Key
from coesfeld_desktop.userdata.preset import Preset, load_preset
from coesfeld_desktop.userdata.secret_file import SecretFile
from coesfeld_desktop.userdata.sync_source import BadSource, SourceProblem, parse_source

if TYPE_CHECKING:  # the ORM is not imported before the window's first paint
    from coesfeld_desktop.userdata.settings import SettingsService

UI_LANGUAGES: tuple[str, ...] = ("de", "en", "tr", "ar", "uk")
DEFAULT_LANGUAGE = "de"

ZOOM_STEPS: tuple[int, ...] = (50, 67, 75, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)
DEFAULT_ZOOM = 100
MIN_ZOOM, MAX_ZOOM = ZOOM_STEPS[0], ZOOM_STEPS[-1]

# PNG and JPEG only: the handout PDF (reportlab) cannot draw SVG.
LOGO_SUFFIXES = frozenset({".png", ".jpg", ".jpeg"})
MAX_LOGO_BYTES = 5 * 1024 * 1024

# The handout history forgets entries after this many days (privacy: what was handed out
# when is kept no longer than the centre needs; see docs/privacy.md).
DEFAULT_RETENTION_DAYS = 90
MAX_RETENTION_DAYS = 3650


# What each first-run question sets; a question the preset answers completely is not asked.
WIZARD_QUESTIONS: dict[str, tuple[str, ...]] = {
    "display": (Key.UI_LANGUAGE,),
    "centre": (Key.CENTRE_NAME, Key.CENTRE_ADDRESS, Key.CENTRE_PHONE),
    "search": (Key.DEFAULT_TOWN,),
    "sync": (Key.SYNC_SOURCE, Key.RETURN_DESTINATION),
}


@dataclass(frozen=True)
class CentreDetails:
    """The counselling centre as printed on handouts."""

    name: str = ""
    address: str = ""
    phone: str = ""
    logo_path: str = ""


class LogoProblem(enum.Enum):
    MISSING = "missing"  # no such file
    NOT_A_FILE = "not_a_file"  # a folder, a device...
    WRONG_TYPE = "wrong_type"  # not .png/.jpg/.jpeg/.svg
    NOT_AN_IMAGE = "not_an_image"  # right suffix, but the content is not that image type
    TOO_LARGE = "too_large"


class SyncSourceProblem(enum.Enum):
    BAD_URL = "bad_url"  # http(s) address without a host, or another scheme
    MISSING_FILE = "missing_file"


class DestinationProblem(enum.Enum):
    BAD_URL = "bad_url"  # not a folder, https or loopback http address
    INSECURE = "insecure"  # plain http to another computer: the password would travel open
    MISSING_FOLDER = "missing_folder"


def check_return_destination(text: str) -> DestinationProblem | None:
    """Why ``text`` cannot receive the return channel's messages, or ``None`` (empty = not
    set up). A folder must exist (a USB stick that is plugged in); WebDAV only over https
    (plain http to this computer, for tests)."""
    text = text.strip()
    if not text:
        return None
    try:
        parsed = parse_source(text, allow_http=True)
    except BadSource as error:
        return (DestinationProblem.INSECURE if error.problem is SourceProblem.INSECURE
                else DestinationProblem.BAD_URL)
    if parsed.path is not None and not parsed.path.is_dir():
        return DestinationProblem.MISSING_FOLDER
    return None


def check_logo(path: str) -> LogoProblem | None:
    """Why ``path`` cannot serve as the handout logo, or ``None`` if it can (empty = no logo)."""
    if not path.strip():
        return None
    file = Path(path.strip()).expanduser()
    if file.suffix.lower() not in LOGO_SUFFIXES:
        return LogoProblem.WRONG_TYPE
    if not file.exists():
        return LogoProblem.MISSING
    if not file.is_file():
        return LogoProblem.NOT_A_FILE
    if file.stat().st_size > MAX_LOGO_BYTES:
        return LogoProblem.TOO_LARGE
    with file.open("rb") as stream:
        head = stream.read(1024)
    suffix = file.suffix.lower()
    if suffix == ".png" and not head.startswith(b"\x89PNG\r\n\x1a\n"):
        return LogoProblem.NOT_AN_IMAGE
    if suffix in {".jpg", ".jpeg"} and not head.startswith(b"\xff\xd8\xff"):
        return LogoProblem.NOT_AN_IMAGE
    return None


def check_sync_source(source: str) -> SyncSourceProblem | None:
    """Why ``source`` cannot be synced from, or ``None`` (empty = no sync source yet).

    Parsed by the sync's own parser, so that what is accepted here is what a sync accepts
    (a ``file://`` URL is a file that must exist; plain http only to this computer)."""
    source = source.strip()
    if not source:
        return None
    try:
        parsed = parse_source(source, allow_http=True)
    except BadSource:
        return SyncSourceProblem.BAD_URL
    if parsed.path is not None and not parsed.path.exists():
        return SyncSourceProblem.MISSING_FILE
    return None


def normalise_language(language: str) -> str:
    """A supported UI language for ``language`` (``"de_DE"`` → ``"de"``; unknown → German)."""
    base = language.strip().replace("_", "-").split("-")[0].lower()
    return base if base in UI_LANGUAGES else DEFAULT_LANGUAGE


def clamp_zoom(percent: int) -> int:
    return max(MIN_ZOOM, min(MAX_ZOOM, percent))


def next_zoom(current: int, direction: int) -> int:
    """The next step up (``direction > 0``) or down from ``current``; 0 gives 100 %."""
    if direction == 0:
        return DEFAULT_ZOOM
    if direction > 0:
        return next((step for step in ZOOM_STEPS if step > current), MAX_ZOOM)
    return next((step for step in reversed(ZOOM_STEPS) if step < current), MIN_ZOOM)


class Preferences:
    """Typed getters and setters; every setter writes through to the database at once."""

    def __init__(self, settings: SettingsService, preset: Preset | None = None,
                 password_file: SecretFile | None = None) -> None:
        self._settings = settings
        self.preset = load_preset() if preset is None else preset
        self._password = password_file or SecretFile(None)

    def value(self, key: str, default: str = "") -> str:
        """The preset's value where IT fixed one, else the stored one (any :class:`Key`)."""
        fixed = self.preset.get(key)
        return fixed if fixed is not None else self._settings.get(key, default)

    def _set(self, key: str, value: str) -> None:
        if not self.preset.fixes(key):  # a fixed value is the preset's, not the user's
            self._settings.set(key, value)

    def is_fixed(self, key: str) -> bool:
        """True when the machine-wide preset sets ``key`` (shown read-only in the dialogs)."""
        return self.preset.fixes(key)

    def open_questions(self) -> list[str]:
        """The first-run questions (:data:`WIZARD_QUESTIONS`) the preset leaves open."""
        return [question for question, keys in WIZARD_QUESTIONS.items()
                if not all(self.is_fixed(key) for key in keys)]

    # --- centre (read by the handout code through the same keys) ---
    @property
    def centre(self) -> CentreDetails:
        get = self.value
        return CentreDetails(
            name=get(Key.CENTRE_NAME),
            address=get(Key.CENTRE_ADDRESS),
            phone=get(Key.CENTRE_PHONE),
            logo_path=get(Key.CENTRE_LOGO_PATH),
        )

    @centre.setter
    def centre(self, details: CentreDetails) -> None:
        problem = check_logo(details.logo_path)
        if problem is not None:
            raise ValueError(f"unusable logo {details.logo_path!r}: {problem.value}")
        self._set(Key.CENTRE_NAME, details.name.strip())
        self._set(Key.CENTRE_ADDRESS, details.address.strip())
        self._set(Key.CENTRE_PHONE, details.phone.strip())
        logo = details.logo_path.strip()
        self._set(Key.CENTRE_LOGO_PATH, str(Path(logo).expanduser()) if logo else "")

    # --- search ---
    @property
    def default_town(self) -> str:
        """One of the eleven towns, or ``""`` for the whole district."""
        town = town_by_name(self.value(Key.DEFAULT_TOWN))
        return town.name if town else ""

    @default_town.setter
    def default_town(self, name: str) -> None:
        town = town_by_name(name) if name.strip() else None
        if name.strip() and town is None:
            raise ValueError(f"not a town of Kreis Coesfeld: {name!r}")
        self._set(Key.DEFAULT_TOWN, town.name if town else "")

    # --- sync ---
    @property
    def sync_source(self) -> str:
        """A URL or a file path of a directory export; ``""`` when none is set up."""
        return self.value(Key.SYNC_SOURCE)

    @sync_source.setter
    def sync_source(self, source: str) -> None:
        self._set(Key.SYNC_SOURCE, source.strip())

    @property
    def sync_check_at_startup(self) -> bool:
        return self.value(Key.SYNC_CHECK_AT_STARTUP, "0") == "1"

    @sync_check_at_startup.setter
    def sync_check_at_startup(self, value: bool) -> None:
        self._set(Key.SYNC_CHECK_AT_STARTUP, "1" if value else "0")

    # --- freshness ---
    @property
    def stale_months(self) -> int:
        """After how many months "zuletzt geprüft" is marked as old (1 .. 60, default 12)."""
        return parse_stale_months(self.value(Key.STALE_MONTHS))

    @stale_months.setter
    def stale_months(self, months: int) -> None:
        self._set(Key.STALE_MONTHS, str(min(max(int(months), MIN_STALE_MONTHS),
                                            MAX_STALE_MONTHS)))

    # --- return channel to the district (needs tables, corrections) ---
    @property
    def return_destination(self) -> str:
        """A folder or WebDAV folder URL; ``""``: nothing is sent with the sync."""
        return self.value(Key.RETURN_DESTINATION)

    @return_destination.setter
    def return_destination(self, destination: str) -> None:
        if self.is_fixed(Key.RETURN_DESTINATION):
            return  # IT's value; not checked here (its folder may exist only at the desk)
        problem = check_return_destination(destination)
        if problem is not None:
            raise ValueError(f"unusable destination {destination!r}: {problem.value}")
        self._set(Key.RETURN_DESTINATION, destination.strip())

    @property
    def return_user(self) -> str:
        return self.value(Key.RETURN_USER)

    @return_user.setter
    def return_user(self, user: str) -> None:
        self._set(Key.RETURN_USER, user.strip())

    @property
    def return_password(self) -> str:
        """The WebDAV password, from its own file (see :mod:`userdata.secret_file`)."""
        return self._password.read()

    @return_password.setter
    def return_password(self, password: str) -> None:
        self._password.write(password)

    # --- display ---
    @property
    def ui_language(self) -> str:
        return normalise_language(self.value(Key.UI_LANGUAGE, DEFAULT_LANGUAGE))

    @ui_language.setter
    def ui_language(self, language: str) -> None:
        if language not in UI_LANGUAGES:
            raise ValueError(f"unsupported UI language: {language!r}")
        self._set(Key.UI_LANGUAGE, language)

    @property
    def zoom_percent(self) -> int:
        try:
            return clamp_zoom(int(self.value(Key.ZOOM_PERCENT, str(DEFAULT_ZOOM))))
        except ValueError:
            return DEFAULT_ZOOM

    @zoom_percent.setter
    def zoom_percent(self, percent: int) -> None:
        self._set(Key.ZOOM_PERCENT, str(clamp_zoom(int(percent))))

    # --- first run ---
    @property
    def first_run_done(self) -> bool:
        return self.value(Key.FIRST_RUN_DONE, "0") == "1"

    @first_run_done.setter
    def first_run_done(self, value: bool) -> None:
        self._set(Key.FIRST_RUN_DONE, "1" if value else "0")

    # --- handout history ---
    @property
    def handout_history_days(self) -> int:
        """After how many days the handout history forgets an entry (1 .. 3650)."""
        try:
            days = int(self.value(Key.HANDOUT_HISTORY_DAYS, str(DEFAULT_RETENTION_DAYS)))
        except ValueError:
            return DEFAULT_RETENTION_DAYS
        return min(max(days, 1), MAX_RETENTION_DAYS)

    @handout_history_days.setter
    def handout_history_days(self, days: int) -> None:
        self._set(Key.HANDOUT_HISTORY_DAYS, str(min(max(int(days), 1), MAX_RETENTION_DAYS)))
