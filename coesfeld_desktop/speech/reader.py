"""Read a text aloud off the GUI thread: play, pause, resume, stop and speed.

Why a service of its own: the view only says what to read and in which language; one worker
thread owns the engine (SAPI wants one thread), speaks sentence by sentence and reports its
state through a callback. Pausing interrupts the sentence and resuming starts it again, which
every engine can do. Nothing is stored or recorded: the text lives in memory while spoken.
"""

from __future__ import annotations

import queue
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from coesfeld_desktop.speech.engine import (
    MAX_RATE,
    MIN_RATE,
    SpeechEngine,
    Voice,
    voice_for,
)

IDLE, SPEAKING, PAUSED = "idle", "speaking", "paused"
NO_ENGINE, NO_VOICE = "no_engine", "no_voice"  # why nothing is spoken
# A sentence ends at . ! ? ؟ (Arabic) ። (Tigrinya) or a line break; numbers like 09.30 stay.
_SENTENCE_END = re.compile(r"(?<=[.!?؟።])\s+|\n+")


@dataclass(frozen=True)
class SpeechStatus:
    """What the reader is doing: ``state``, the sentence, and why it stopped short."""

    state: str
    sentence: int = 0
    sentences: int = 0
    problem: str | None = None  # NO_ENGINE or NO_VOICE
    language: str = ""


def sentences(text: str) -> list[str]:
    """``text`` cut into the pieces the reader speaks one after another."""
    return [piece.strip() for piece in _SENTENCE_END.split(text) if piece.strip()]


def clamp_rate(rate: float) -> float:
    return min(MAX_RATE, max(MIN_RATE, rate))


@dataclass(frozen=True)
class _Job:
    generation: int
    text: str
    language: str


class ReadAloud:
    """Speaks on its own daemon thread; every method returns at once (GUI thread safe).

    ``on_status`` is called on the worker thread: a Qt view forwards it through a signal.
    """

    def __init__(self, make_engine: Callable[[], SpeechEngine],
                 on_status: Callable[[SpeechStatus], None] | None = None) -> None:
        self._make_engine = make_engine
        self.on_status = on_status
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._lock = threading.Condition()
        self._generation = 0
        self._paused = False
        self._rate = 1.0
        self._engine: SpeechEngine | None = None
        self._voices: list[Voice] = []
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self.status = SpeechStatus(IDLE)

    # --- control (any thread) --------------------------------------------------------------
    def start(self) -> None:
        """Start the worker and load the voices now (the family view opens)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="read-aloud", daemon=True)
            self._thread.start()

    def play(self, text: str, language: str) -> None:
        """Read ``text`` in ``language`` from the start (whatever was being read stops)."""
        self.start()
        with self._lock:
            self._generation += 1
            self._paused = False
            job = _Job(self._generation, text, language)
            self._lock.notify_all()
        self._interrupt()
        self._jobs.put(job)

    def pause(self) -> None:
        with self._lock:
            if self.status.state != SPEAKING:
                return
            self._paused = True
        self._interrupt()

    def resume(self) -> None:
        with self._lock:
            self._paused = False
            self._lock.notify_all()

    def stop(self) -> None:
        with self._lock:
            self._generation += 1
            self._paused = False
            self._lock.notify_all()
            if self.status.state != IDLE:
                self._report(SpeechStatus(IDLE, language=self.status.language))
        self._interrupt()

    @property
    def rate(self) -> float:
        return self._rate

    def set_rate(self, rate: float) -> None:
        """The pace as a factor of the calm base pace; applies from the next sentence."""
        self._rate = clamp_rate(rate)

    def voices(self, timeout: float = 5.0) -> list[Voice]:
        """The installed voices (waits for the worker to list them)."""
        self.start()
        self._ready.wait(timeout)
        return list(self._voices)

    def has_voice(self, language: str, timeout: float = 5.0) -> bool:
        return voice_for(language, self.voices(timeout)) is not None

    def shutdown(self, timeout: float = 2.0) -> None:
        """Stop speaking and end the worker (at exit)."""
        self.stop()
        self._jobs.put(None)
        if self._thread is not None:
            self._thread.join(timeout)

    # --- worker -----------------------------------------------------------------------------
    def _interrupt(self) -> None:
        engine = self._engine
        if engine is not None:
            engine.interrupt()

    def _report(self, status: SpeechStatus) -> None:
        self.status = status
        if self.on_status is not None:
            self.on_status(status)

    def _current(self, generation: int) -> bool:
        return self._generation == generation

    def _run(self) -> None:
        try:
            engine = self._make_engine()
            self._voices = list(engine.voices())
            self._engine = engine
        except Exception:
            self._engine = None
        finally:
            self._ready.set()
        while (job := self._jobs.get()) is not None:
            if self._current(job.generation):
                self._speak(job)

    def _speak(self, job: _Job) -> None:
        engine = self._engine
        if engine is None:
            self._report(SpeechStatus(IDLE, problem=NO_ENGINE, language=job.language))
            return
        voice = voice_for(job.language, self._voices)
        if voice is None:
            self._report(SpeechStatus(IDLE, problem=NO_VOICE, language=job.language))
            return
        pieces = sentences(job.text)
        index = 0
        while index < len(pieces):
            with self._lock:
                while self._paused and self._current(job.generation):
                    self._report(SpeechStatus(PAUSED, index, len(pieces), language=job.language))
                    self._lock.wait()
                if not self._current(job.generation):
                    return  # stopped, or a new text: the new job reports for itself
                self._report(SpeechStatus(SPEAKING, index, len(pieces), language=job.language))
            engine.say(pieces[index], voice, self._rate)
            with self._lock:
                if not self._paused:  # paused mid-sentence: say it again on resume
                    index += 1
        with self._lock:
            if self._current(job.generation):
                self._report(SpeechStatus(IDLE, len(pieces), len(pieces), language=job.language))
