"""The read-aloud service against a fake engine: order, pause, resume, stop, speed, voices."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pytest

from coesfeld_desktop.speech.engine import MAX_RATE, MIN_RATE, SpeechUnavailable, Voice, voice_for
from coesfeld_desktop.speech.reader import (
    IDLE,
    NO_ENGINE,
    NO_VOICE,
    PAUSED,
    SPEAKING,
    ReadAloud,
    SpeechStatus,
    sentences,
)

WAIT = 10.0  # seconds; only a limit for a broken reader, the tests never sleep


class FakeEngine:
    """Speaks by recording; a piece blocks until the test releases it (or it is interrupted)."""

    def __init__(self, voices: Sequence[Voice], hold: bool = False) -> None:
        self._voices = list(voices)
        self.spoken: list[tuple[str, str, float]] = []
        self.hold = hold
        self.started = threading.Semaphore(0)
        self._release = threading.Event()
        self.thread: str | None = None

    def voices(self) -> list[Voice]:
        return self._voices

    def say(self, text: str, voice: Voice, rate: float) -> None:
        self.thread = threading.current_thread().name
        self._release.clear()  # like a real engine: an interrupt ends the piece being spoken
        self.spoken.append((text, voice.id, rate))
        self.started.release()
        if self.hold:
            assert self._release.wait(WAIT)
            self._release.clear()

    def interrupt(self) -> None:
        self._release.set()

    def finish_piece(self) -> None:
        self._release.set()


VOICES = [Voice("de-voice", "German", ("de",)), Voice("ar-voice", "Hoda", ("ar_SA",)),
          Voice("uk-voice", "Ukrainian", ("uk",))]


class Statuses:
    def __init__(self) -> None:
        self.seen: list[SpeechStatus] = []
        self._changed = threading.Condition()

    def __call__(self, status: SpeechStatus) -> None:
        with self._changed:
            self.seen.append(status)
            self._changed.notify_all()

    def wait_for(self, check) -> SpeechStatus:
        with self._changed:
            assert self._changed.wait_for(lambda: self.seen and check(self.seen[-1]), WAIT), \
                self.seen
            return self.seen[-1]


def _reader(engine: FakeEngine) -> tuple[ReadAloud, Statuses]:
    statuses = Statuses()
    return ReadAloud(lambda: engine, statuses), statuses


def test_text_is_cut_into_sentences_in_every_script() -> None:
    assert sentences("Hallo. Wie geht es? Gut!\nWo: Dülmen") == [
        "Hallo.", "Wie geht es?", "Gut!", "Wo: Dülmen"]
    assert sentences("مرحبا. كيف حالك؟ جيد") == ["مرحبا.", "كيف حالك؟", "جيد"]
    assert sentences("Mo 09.30–12.00 Uhr") == ["Mo 09.30–12.00 Uhr"]  # no cut inside a time


def test_a_voice_is_found_by_its_language_tag() -> None:
    assert voice_for("ar", VOICES) == VOICES[1]  # "ar_SA" (SAPI) counts as Arabic
    assert voice_for("de-x-easy", VOICES) == VOICES[0]  # Leichte Sprache: a German voice
    assert voice_for("fa", VOICES) is None


def test_all_sentences_are_spoken_in_order_off_the_calling_thread() -> None:
    engine = FakeEngine(VOICES)
    reader, statuses = _reader(engine)
    reader.play("Erster Satz. Zweiter Satz.\nDritter", "uk")
    done = statuses.wait_for(lambda s: s.state == IDLE)
    assert [text for text, _voice, _rate in engine.spoken] == [
        "Erster Satz.", "Zweiter Satz.", "Dritter"]
    assert {voice for _text, voice, _rate in engine.spoken} == {"uk-voice"}
    assert done.sentence == done.sentences == 3
    assert engine.thread == "read-aloud" != threading.current_thread().name
    reader.shutdown()


def test_pause_interrupts_and_resume_repeats_the_sentence() -> None:
    engine = FakeEngine(VOICES, hold=True)
    reader, statuses = _reader(engine)
    reader.play("Eins. Zwei.", "de")
    assert engine.started.acquire(timeout=WAIT)
    reader.pause()
    paused = statuses.wait_for(lambda s: s.state == PAUSED)
    assert paused.sentence == 0
    reader.resume()
    assert engine.started.acquire(timeout=WAIT)  # "Eins." again, from its start
    engine.finish_piece()
    assert engine.started.acquire(timeout=WAIT)
    engine.finish_piece()
    statuses.wait_for(lambda s: s.state == IDLE)
    assert [text for text, _v, _r in engine.spoken] == ["Eins.", "Eins.", "Zwei."]
    reader.shutdown()


def test_stop_ends_at_once_and_a_new_text_replaces_the_old() -> None:
    engine = FakeEngine(VOICES, hold=True)
    reader, statuses = _reader(engine)
    reader.play("Eins. Zwei. Drei.", "de")
    assert engine.started.acquire(timeout=WAIT)
    reader.stop()
    assert reader.status.state == IDLE
    reader.play("Neu.", "ar")
    assert engine.started.acquire(timeout=WAIT)
    engine.finish_piece()
    statuses.wait_for(lambda s: s.state == IDLE and s.language == "ar")
    assert [text for text, _v, _r in engine.spoken] == ["Eins.", "Neu."]
    assert SPEAKING in {s.state for s in statuses.seen}
    reader.shutdown()


def test_speed_is_kept_within_its_range_and_used_for_the_next_sentence() -> None:
    engine = FakeEngine(VOICES)
    reader, statuses = _reader(engine)
    reader.set_rate(9.0)
    assert reader.rate == MAX_RATE
    reader.set_rate(0.1)
    assert reader.rate == MIN_RATE
    reader.set_rate(1.2)
    reader.play("Schneller.", "de")
    statuses.wait_for(lambda s: s.state == IDLE)
    assert engine.spoken[0][2] == pytest.approx(1.2)
    reader.shutdown()


def test_a_missing_voice_or_engine_is_reported_not_raised() -> None:
    reader, statuses = _reader(FakeEngine(VOICES))
    reader.play("سلام", "fa")
    status = statuses.wait_for(lambda s: s.problem is not None)
    assert (status.problem, status.language, status.state) == (NO_VOICE, "fa", IDLE)
    assert reader.has_voice("ar") and not reader.has_voice("fa")
    reader.shutdown()

    def broken() -> FakeEngine:
        raise SpeechUnavailable("no driver")

    statuses = Statuses()
    reader = ReadAloud(broken, statuses)
    reader.play("Hallo", "de")
    assert statuses.wait_for(lambda s: s.problem is not None).problem == NO_ENGINE
    assert reader.voices() == []
    reader.shutdown()
