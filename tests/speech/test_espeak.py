"""The real engine (pyttsx3 over eSpeak NG) where this machine has it; skipped elsewhere."""

from __future__ import annotations

import ctypes.util
import shutil
import wave
from pathlib import Path

import pytest

from coesfeld_desktop.speech.engine import (
    Pyttsx3Engine,
    SpeechUnavailable,
    SystemVoices,
    voice_for,
)


def _espeak_ng_installed() -> bool:
    return bool(ctypes.util.find_library("espeak-ng") or shutil.which("espeak-ng"))


pytestmark = pytest.mark.skipif(not _espeak_ng_installed(),
                                reason="eSpeak NG (libespeak-ng.so.1) is not installed here")


def _engine() -> Pyttsx3Engine:
    pytest.importorskip("pyttsx3", reason="pyttsx3 is not installed")
    try:
        return Pyttsx3Engine()
    except SpeechUnavailable as error:
        pytest.skip(f"eSpeak NG is installed but pyttsx3 cannot start it: {error}")


@pytest.mark.parametrize("language", ["de", "ar", "uk", "fa", "tr", "ru"])
def test_espeak_ng_has_a_voice_for_the_family_languages(language: str) -> None:
    assert voice_for(language, _engine().voices()) is not None


def test_the_app_engine_offers_espeak_ng_voices_and_routes_to_them() -> None:
    _engine()  # skips where pyttsx3 cannot start eSpeak NG
    voices = SystemVoices()
    arabic = voice_for("ar", voices.voices())
    assert arabic is not None and arabic.id.startswith("0:")
    voices.interrupt()  # nothing is speaking: a no-op, not an error


def test_espeak_ng_renders_ukrainian_speech(tmp_path: Path) -> None:
    """Rendered into a file in the test's folder (the app itself never writes speech)."""
    engine = _engine()
    voice = voice_for("uk", engine.voices())
    assert voice is not None
    target = tmp_path / "uk.wav"
    backend = engine._engine  # the pyttsx3 engine: its file output, for this test only
    backend.setProperty("voice", voice.id)
    backend.save_to_file("Пропозиція для родини.", str(target))
    backend.runAndWait()
    with wave.open(str(target)) as sound:
        seconds = sound.getnframes() / sound.getframerate()
    assert seconds > 0.5  # several words of speech, not a click
