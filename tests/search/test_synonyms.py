"""Synonym groups: the bundled file and the matching of query words."""

from __future__ import annotations

from coesfeld_desktop.search.synonyms import Synonyms, default_synonyms, parse_synonyms


def _labels(synonyms: Synonyms, words: list[str]) -> list[list[str]]:
    return [[group.labels[0] for group in match.groups] for match in synonyms.match(words)]


def test_bundled_file_has_the_core_groups() -> None:
    synonyms = default_synonyms()
    assert len(synonyms.groups) >= 20
    labels = {label for group in synonyms.groups for label in group.labels}
    for expected in ("Kita", "Kindertagesstätte", "Hebamme", "Schuldnerberatung", "Sucht",
                     "Integrationskurs", "Deutsch lernen"):
        assert expected in labels


def test_parse_skips_comments_blank_lines_and_single_words() -> None:
    groups = parse_synonyms(["# Kommentar", "", "Kita, Kindergarten  # Rest", "allein", " , "])
    assert len(groups) == 1
    assert groups[0].labels == ("Kita", "Kindergarten")
    assert groups[0].members == (("kita",), ("kindergarten",))


def test_equal_word_matches_its_group() -> None:
    synonyms = default_synonyms()
    # the German group and the other languages' groups anchored on the same German word
    kita = _labels(synonyms, ["kita"])
    assert len(kita) == 1 and set(kita[0]) == {"Kita"} and len(kita[0]) >= 2
    assert [set(found) for found in _labels(synonyms, ["schwanger", "coesfeld"])] == [
        {"Schwangerschaft"}]


def test_multi_word_member() -> None:
    synonyms = default_synonyms()
    matches = synonyms.match(["deutsch", "lernen"])
    assert [(m.start, m.end) for m in matches] == [(0, 2)]


def test_prefix_only_for_the_last_word() -> None:
    synonyms = default_synonyms()
    found = _labels(synonyms, ["hebam"])  # Hebamme: in the German group and in those
    assert len(found) == 1 and found[0][0] == "Schwangerschaft"  # of other languages
    assert set(found[0]) == {"Schwangerschaft", "Hebamme"}
    assert _labels(synonyms, ["hebam", "coesfeld"]) == []
    assert synonyms.match(["hebam"], prefix_last=False) == []


def test_ambiguous_prefix_expands_to_nothing() -> None:
    # "kind" starts members of many groups (Kindergarten, Kinderschutz, Kinderarzt ...)
    assert default_synonyms().match(["kind"]) == []
