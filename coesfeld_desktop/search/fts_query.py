"""Turn what a user typed into a safe FTS5 MATCH expression.

User text never reaches FTS5 syntax as written: it is folded and split into words (so
quotes, ``*``, ``-``, ``NEAR``, ``OR``, brackets, ``^`` and ``:`` are just separators or
plain words), every word becomes a quoted FTS string, and only this module writes operators.

For each word (at most :data:`MAX_WORDS`) the expression accepts, OR-ed together:

* the word as a prefix (search as you type): ``"sprach"*``, read from a prefix index where
  FTS5 has one of that length (:data:`~coesfeld_desktop.search.index.PREFIX_LENGTHS`), else
  an OR of indexed terms or shorter prefixes (:func:`term_expr`);
* for a synonym group the word belongs to: every member (``kita`` → ``"kindergarten"*`` ...),
  also for a last word that only begins a member and matches no indexed word itself;
* if no indexed word starts with it: words one typo away (``hebame`` → ``"hebamme"*``) and
  a split into two indexed words (``elternberatung`` → ``"eltern" AND "beratung"*``).

The words are AND-ed. Compound parts need nothing here: the index has a ``parts`` column
holding word endings, so ``"cafe"*`` matches "Sprachcafé". Words shorter than
:data:`~coesfeld_desktop.search.folding.MIN_PART` skip that column (too many endings match).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coesfeld_desktop.search.folding import MIN_PART, tokens
from coesfeld_desktop.search.index import PREFIX_LENGTHS
from coesfeld_desktop.search.synonyms import Member, Synonyms
from coesfeld_desktop.search.terms import FUZZY_MIN_LENGTH, TermVocabulary

MAX_WORDS = 12  # a pasted page becomes its first 12 words
MAX_FUZZY = 3  # typo variants per word
MIN_SPLIT = 8  # shortest query word we try to split into two indexed words
MAX_EXPAND = 40  # a prefix starting more indexed terms than this stays a prefix query
MAX_COVER = 100  # ... as does one needing more shorter prefixes than this (see term_expr)
_NOT_PARTS = "- {title_parts parts} : "
_NOT_TITLE_PARTS = "- {title_parts} : "


def for_title_table(expression: str) -> str:
    """``expression`` for ``offer_title_fts``, which has no ``parts`` column."""
    return expression.replace(_NOT_PARTS, _NOT_TITLE_PARTS)


def quote(term: str) -> str:
    """An FTS5 string literal (double quotes doubled, so nothing inside is syntax)."""
    return '"' + term.replace('"', '""') + '"'


def term_expr(word: str, vocabulary: TermVocabulary | None = None) -> str:
    """The expression for one folded word typed by the user (always as a prefix).

    A word as long as one of the prefix indexes is one doclist: ``"sprach"*``. With a
    vocabulary, a shorter word becomes the OR of what the next longer prefix index holds
    for it: ``"spra"`` → ``"sprach"*`` (plus any shorter indexed words starting with it),
    ``"sp"`` → ``"sp" OR "spa"* OR "spe"* ...``; a longer one the OR of the indexed terms
    it starts (if there are at most :data:`MAX_EXPAND`). FTS5 merges the whole doclist of a
    prefix it has no prefix index for before returning the first row, but walks an OR
    lazily, so ``LIMIT`` and AND-ed facets can stop or skip early; and it walks one doclist
    3-4x faster than an OR of many terms holding the same offers.
    Words shorter than :data:`MIN_PART` skip the compound parts.
    """
    if len(word) == 1:
        return quote(word)  # a single letter as prefix matches nearly everything
    if len(word) < MIN_PART:
        return _NOT_PARTS + _prefix_expr(word, vocabulary, words_only=True)
    return _prefix_expr(word, vocabulary, words_only=False)


def _prefix_expr(word: str, vocabulary: TermVocabulary | None, words_only: bool) -> str:
    if len(word) in PREFIX_LENGTHS or vocabulary is None:
        return f"{quote(word)}*"
    longer = [length for length in PREFIX_LENGTHS if length > len(word)]
    if longer:
        short, beginnings = vocabulary.cover(word, longer[0], words_only)
        alternatives = [*map(quote, short), *(f"{quote(p)}*" for p in beginnings)]
        if len(alternatives) <= MAX_COVER:
            return _group(alternatives) if alternatives else quote(word)
    else:
        terms = vocabulary.with_prefix(word, MAX_EXPAND + 1)
        if 0 < len(terms) <= MAX_EXPAND:
            return _group([quote(term) for term in terms])
    return f"{quote(word)}*"


def member_expr(member: Member, vocabulary: TermVocabulary | None = None) -> str:
    """A synonym member: a phrase, its last word as prefix unless very short."""
    if len(member) == 1:
        return quote(member[0]) if len(member[0]) < MIN_PART else term_expr(member[0], vocabulary)
    phrase = quote(" ".join(member))
    return phrase if len(member[-1]) < MIN_PART else f"{phrase}*"


@dataclass(frozen=True)
class ParsedQuery:
    words: tuple[str, ...]  # folded, at most MAX_WORDS, duplicates removed
    expression: str  # the full MATCH expression; "" when there are no words
    plain_expression: str  # just the words as prefixes, AND-ed (benchmarks, suggestions)
    expanded: tuple[str, ...] = ()  # words that got typo variants or a split
    own_expression: str = ""  # without synonyms: ranks direct matches above synonym ones


def query_words(text: str) -> tuple[str, ...]:
    """Folded words of ``text``: at most :data:`MAX_WORDS`, each once, in order."""
    return tuple(dict.fromkeys(tokens(text[:2000])))[:MAX_WORDS]


def plain_expression(words: Sequence[str]) -> str:
    return " AND ".join(term_expr(word) for word in words)


def build_query(text: str, vocabulary: TermVocabulary | None, synonyms: Synonyms,
                fuzzy: bool = True) -> ParsedQuery:
    """The MATCH expression for ``text`` (see the module docstring)."""
    words = query_words(text)
    if not words:
        return ParsedQuery((), "", "")
    clauses: list[str] = []
    own_clauses: list[str] = []
    expanded: list[str] = []
    # the word being typed expands to groups it starts a member of only while it matches
    # nothing itself ("hebam" → Hebamme, but "sprach" stays "sprach*")
    prefix_last = vocabulary is None or not vocabulary.has_prefix(words[-1])
    matches = {match.start: match for match in synonyms.match(words, prefix_last)}
    i = 0
    while i < len(words):
        match = matches.get(i)
        end = match.end if match else i + 1
        alternatives: list[str] = []
        own = [_word_alternatives(word, vocabulary, fuzzy, expanded, is_last=(j == len(words) - 1))
               for j, word in enumerate(words[i:end], start=i)]
        own_expr = " AND ".join(_group(alts) for alts in own)
        alternatives.append(f"({own_expr})" if len(own) > 1 and match else own_expr)
        own_clauses.append(own_expr)
        if match:
            for group in match.groups:
                alternatives.extend(member_expr(member, vocabulary) for member in group.members)
        clauses.append(_group(list(dict.fromkeys(alternatives))))
        i = end
    expression = " AND ".join(clauses)
    own_expression = " AND ".join(own_clauses)
    return ParsedQuery(words, expression, plain_expression(words), tuple(expanded),
                       own_expression if matches else expression)


def _group(alternatives: Sequence[str]) -> str:
    return alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"


def _word_alternatives(word: str, vocabulary: TermVocabulary | None, fuzzy: bool,
                       expanded: list[str], is_last: bool) -> list[str]:
    alternatives = [term_expr(word, vocabulary)]
    if (vocabulary is None or not fuzzy or len(word) < FUZZY_MIN_LENGTH
            or vocabulary.has_prefix(word)):
        return alternatives
    for candidate in vocabulary.close_words(word, 1, MAX_FUZZY, as_prefix=is_last):
        alternatives.append(term_expr(candidate.term, vocabulary))
    split = split_compound(word, vocabulary)
    if split:
        alternatives.append(f"({quote(split[0])} AND {term_expr(split[1], vocabulary)})")
    if len(alternatives) > 1:
        expanded.append(word)
    return alternatives


def split_compound(word: str, vocabulary: TermVocabulary) -> tuple[str, str] | None:
    """Split a German compound into two indexed words (a linking ``s`` allowed), or None."""
    if len(word) < MIN_SPLIT or not word.isalpha():
        return None
    for cut in range(3, len(word) - MIN_PART + 1):  # longest tail first
        head, tail = word[:cut], word[cut:]
        if not vocabulary.is_word(tail) and not vocabulary.has_prefix(tail):
            continue
        if vocabulary.is_word(head):
            return head, tail
        if head.endswith("s") and vocabulary.is_word(head[:-1]):
            return head[:-1], tail
    return None
