"""The speech engine behind "Vorlesen": one small interface, one real implementation.

Why an interface: the family view talks to :class:`~.reader.ReadAloud`, which drives any
:class:`SpeechEngine`; tests hand in a fake one, the app the real one.
Why ``pyttsx3``: a maintained binding over the voices the operating system already has,
offline — SAPI 5 on Windows (the installed Windows voices), eSpeak NG on Linux (through
``libespeak-ng.so.1``), NSSpeechSynthesizer on macOS — in about 50 kB of pure Python, where
QtTextToSpeech would need the much larger PySide6 Addons wheel. It speaks; it never listens
or records.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

BASE_WORDS_PER_MINUTE = 150  # a calm pace for listeners who are learning the language
MIN_RATE, MAX_RATE = 0.5, 1.5  # the speed control's range, as a factor of the base pace


@dataclass(frozen=True)
class Voice:
    """An installed voice: the engine's id, a readable name and its language tags."""

    id: str
    name: str
    languages: tuple[str, ...]


class SpeechEngine(Protocol):
    """Speaks one piece of text at a time; used from a single worker thread.

    ``interrupt`` is the one method called from another thread: it asks a running ``say``
    to return early (at the latest when the current piece ends).
    """

    def voices(self) -> Sequence[Voice]: ...

    def say(self, text: str, voice: Voice, rate: float) -> None:
        """Speak ``text`` with ``voice`` at ``rate`` times the base pace; block until done."""
        ...

    def interrupt(self) -> None: ...


class SpeechUnavailable(RuntimeError):
    """No speech engine could be started on this computer."""


def language_tag(value: str) -> str:
    """``ar_SA`` / ``AR-sa`` / ``ar`` → ``ar``: the primary language subtag, lower case."""
    return value.replace("_", "-").split("-")[0].strip().lower()


def voice_for(language: str, voices: Sequence[Voice]) -> Voice | None:
    """The first voice that speaks ``language`` (``de-x-easy``: any German voice)."""
    wanted = language_tag(language)
    for voice in voices:
        if any(language_tag(tag) == wanted for tag in voice.languages):
            return voice
    return None


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


class Pyttsx3Engine:
    """The operating system's voices through ``pyttsx3``, created on the calling thread.

    Interrupting works through pyttsx3's word events, on the engine's own thread (SAPI's COM
    object must not be called from another one): a Windows voice stops at the next word;
    pyttsx3's eSpeak driver on Linux renders a piece before it plays it, so there a piece
    (one sentence, see :mod:`.reader`) is finished first.
    """

    def __init__(self, driver: str | None = None) -> None:
        try:
            import pyttsx3  # noqa: PLC0415 - loaded only when the family asks for read-aloud
            # by name, always: pyttsx3 keeps one engine per name, and two on eSpeak's one
            # library would take each other's sound
            self._engine = pyttsx3.init(driver or _platform_driver())
        except Exception as error:
            raise SpeechUnavailable(str(error)) from error
        self._stop = threading.Event()
        self._speaking = False  # pyttsx3 shares one engine per driver: only our own words
        self._engine.connect("started-word", self._on_word)

    def voices(self) -> list[Voice]:
        found = self._engine.getProperty("voices") or []
        return [Voice(_text(v.id), _text(v.name or v.id),
                      tuple(_text(tag) for tag in (v.languages or ()) if tag))
                for v in found]

    def say(self, text: str, voice: Voice, rate: float) -> None:
        self._stop.clear()
        self._engine.setProperty("voice", voice.id)
        self._engine.setProperty("rate", round(BASE_WORDS_PER_MINUTE * rate))
        self._engine.say(text)
        self._speaking = True
        try:
            self._engine.runAndWait()
        finally:
            self._speaking = False

    def interrupt(self) -> None:
        self._stop.set()

    def _on_word(self, *_args: object, **_kwargs: object) -> None:
        if self._speaking and self._stop.is_set():
            self._engine.stop()


def _platform_driver() -> str:
    if sys.platform == "win32":
        return "sapi5"
    if sys.platform == "darwin":
        return "nsss"
    return "espeak"


class SystemVoices:
    """Every offline voice on this computer: the system's own, then eSpeak NG's.

    On Windows the SAPI 5 voices come first (Arabic, Turkish, Russian where installed);
    where eSpeak NG is installed too, its voices fill the gaps Windows has no voice for
    (Farsi, Ukrainian, Tigrinya …). On Linux eSpeak NG is the system's engine.
    """

    def __init__(self) -> None:
        drivers = dict.fromkeys([_platform_driver(), "espeak"])
        self._engines: list[Pyttsx3Engine] = []
        for driver in drivers:
            try:
                self._engines.append(Pyttsx3Engine(driver))
            except SpeechUnavailable:
                continue
        if not self._engines:
            raise SpeechUnavailable("no speech driver could be started")

    def voices(self) -> list[Voice]:
        return [Voice(f"{index}:{voice.id}", voice.name, voice.languages)
                for index, engine in enumerate(self._engines) for voice in engine.voices()]

    def say(self, text: str, voice: Voice, rate: float) -> None:
        index, _, own_id = voice.id.partition(":")
        self._engines[int(index)].say(text, Voice(own_id, voice.name, voice.languages), rate)

    def interrupt(self) -> None:
        for engine in self._engines:
            engine.interrupt()
