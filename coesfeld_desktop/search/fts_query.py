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

from coesfeld_desktop.search.dictionary import is_real_word
from coesfeld_desktop.search.folding import MIN_PART, fold_word, split_words, tokens
from coesfeld_desktop.search.index import PREFIX_LENGTHS
from coesfeld_desktop.search.synonyms import Member, SynonymGroup, Synonyms
from coesfeld_desktop.search.terms import FUZZY_MIN_LENGTH, TermVocabulary
from coesfeld_desktop.search.word_forms import prefix_stems, query_forms, word_stems

MAX_WORDS = 12  # a pasted page becomes its first 12 words
MAX_FUZZY = 3  # typo variants per word
MIN_SPLIT = 8  # shortest query word we try to split into two indexed words
MAX_EXPAND = 40  # a prefix starting more indexed terms than this stays a prefix query
MAX_COVER = 100  # ... as does one needing more shorter prefixes than this (see term_expr)
_NOT_PARTS = "- {title_parts parts} : "
_NOT_TITLE_PARTS = "- {title_parts} : "
_STEMS = "{title_stems stems} : "
_TITLES = "{title title_translations} : "
_TITLE_STEMS = "{title_stems} : "
MIN_FORMS = 4  # shorter typed words get no word forms (a prefix being typed)


def for_title_table(expression: str) -> str:
    """``expression`` for ``offer_title_fts``, which has no ``parts`` or ``stems`` column."""
    return expression.replace(_NOT_PARTS, _NOT_TITLE_PARTS).replace(_STEMS, _TITLE_STEMS)


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
    words_only = _words_only(len(word))
    if len(word) == 1:
        # one letter: the titles with a word beginning with it (everything would match
        # anywhere); the ranking puts titles that begin with it first
        return _TITLES + _prefix_expr(word, vocabulary, words_only)
    if words_only:
        return _NOT_PARTS + _prefix_expr(word, vocabulary, words_only)
    return _prefix_expr(word, vocabulary, words_only)


def _words_only(length: int) -> bool:
    """Words shorter than :data:`MIN_PART` letters skip the compound parts."""
    return length < MIN_PART


def _cover_key(length: int, words_only: bool) -> tuple[int, bool] | None:
    """The (prefix index length, words only) cover a word of ``length`` letters is
    expanded by (:meth:`TermVocabulary.cover`), or None: it has a prefix index of its own,
    or is longer than every prefix index."""
    longer = [n for n in PREFIX_LENGTHS if n > length]
    return None if length in PREFIX_LENGTHS or not longer else (longer[0], words_only)


def cover_keys() -> set[tuple[int, bool]]:
    """The covers :func:`term_expr` can ask the vocabulary for, over every word length:
    what ``SearchService.prepare`` builds ahead."""
    keys = (_cover_key(length, _words_only(length)) for length in range(1, max(PREFIX_LENGTHS)))
    return {key for key in keys if key is not None}


TYPO_PREFIX_LENGTHS = range(FUZZY_MIN_LENGTH, 13)  # words typed so far, compared with typos


def _prefix_expr(word: str, vocabulary: TermVocabulary | None, words_only: bool) -> str:
    if len(word) in PREFIX_LENGTHS or vocabulary is None:
        return f"{quote(word)}*"
    key = _cover_key(len(word), words_only)
    if key is not None:
        short, beginnings = vocabulary.cover(word, *key)
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
    # the typed words and their forms only: a hit matching it is a "word" match
    own_expression: str = ""
    # ... and their synonyms, no spelling variants: a hit matching only this is "synonym"
    synonym_expression: str = ""
    variants: tuple[str, ...] = ()  # indexed words read for a typed word (spelling)
    # the typed word whole (or a form of it), not only begun: ranks "ebe" (midwife) above
    # "ebeveyn" (parent); several words: as a phrase ("дитячий садок" before "дитячому садку")
    whole_expression: str = ""


def query_words(text: str) -> tuple[str, ...]:
    """Folded words of ``text``: at most :data:`MAX_WORDS`, each once, in order."""
    return tuple(dict.fromkeys(tokens(text[:2000])))[:MAX_WORDS]


def _as_typed(text: str) -> dict[str, str]:
    """Each folded word of ``text`` with the first way it was written (for the stemmers)."""
    typed: dict[str, str] = {}
    for word in split_words(text[:2000]):
        typed.setdefault(fold_word(word), word)
    return typed


def form_alternatives(word: str, typed: str, vocabulary: TermVocabulary | None) -> list[str]:
    """Other forms of a typed word: its stems in the stems columns, and the stems that
    are a long beginning of it as prefixes ("Sprachkurse" → ``"sprachkurs"*``)."""
    if len(word) < MIN_FORMS:
        return []
    forms = [form for form in query_forms(typed) if form]
    alternatives = [_STEMS + _group([quote(form) for form in dict.fromkeys(forms)])]
    alternatives += [term_expr(stem, vocabulary) for stem in prefix_stems(typed)]
    return alternatives


def _whole_expr(word: str, typed: str) -> str:
    """``word`` as a whole word, or one of its forms in the stems columns."""
    forms = [quote(form) for form in dict.fromkeys(query_forms(typed)) if form]
    return _group([quote(word), _STEMS + _group(forms)]) if len(word) >= MIN_FORMS \
        else quote(word)


def plain_expression(words: Sequence[str]) -> str:
    return " AND ".join(term_expr(word) for word in words)


def build_query(text: str, vocabulary: TermVocabulary | None, synonyms: Synonyms,
                fuzzy: bool = True) -> ParsedQuery:
    """The MATCH expression for ``text`` (see the module docstring)."""
    words = query_words(text)
    if not words:
        return ParsedQuery((), "", "")
    typed = _as_typed(text)
    clauses: list[str] = []
    own_clauses: list[str] = []
    synonym_clauses: list[str] = []
    expanded: list[str] = []
    variants: list[str] = []
    # the word being typed expands to groups it starts a member of only while it matches
    # nothing itself ("hebam" → Hebamme, but "sprach" stays "sprach*")
    prefix_last = vocabulary is None or not vocabulary.has_prefix(words[-1])
    forms = [word_stems(typed.get(word, word)) if len(word) >= MIN_FORMS else ()
             for word in words]
    matches = {match.start: match for match in synonyms.match(words, prefix_last, forms)}
    i = 0
    while i < len(words):
        match = matches.get(i)
        end = match.end if match else i + 1
        has_synonyms = match is not None or any(
            synonym_groups_for(synonyms, typed.get(word, word), word) for word in words[i:end])
        per_word = [_word_alternatives(word, typed.get(word, word), vocabulary, fuzzy,
                                       is_last=(j == len(words) - 1),
                                       has_synonyms=has_synonyms, variants=variants)
                    for j, word in enumerate(words[i:end], start=i)]
        if prefix_last and end == len(words):
            # the word still being typed, read as the synonym members it begins: that is
            # the word typed ("hebam" → Hebamme), not a related term
            per_word[-1][0].extend(term_expr(member, vocabulary)
                                   for member in synonyms.words_starting(words[-1]))
        own_expr = " AND ".join(_group(own) for own, _spelling in per_word)
        full_expr = " AND ".join(_group(own + spelling) for own, spelling in per_word)
        expanded.extend(word for word, (_own, spelling) in zip(words[i:end], per_word,
                                                              strict=True) if spelling)
        several = len(per_word) > 1 and match is not None
        members: list[str] = []
        if match:
            for group in match.groups:
                members.extend(member_expr(member, vocabulary) for member in group.members)
        for word in words[i:end]:  # a word form of a member ("Kindergärten", "Hebammen")
            for group in synonym_groups_for(synonyms, typed.get(word, word), word):
                members.extend(member_expr(member, vocabulary) for member in group.members)
        own_clauses.append(own_expr)
        synonym_clauses.append(_group(list(dict.fromkeys(
            [f"({own_expr})" if several else own_expr, *members]))))
        clauses.append(_group(list(dict.fromkeys(
            [f"({full_expr})" if several else full_expr, *members]))))
        i = end
    expression = " AND ".join(clauses)
    return ParsedQuery(words, expression, plain_expression(words), tuple(expanded),
                       " AND ".join(own_clauses), " AND ".join(synonym_clauses),
                       tuple(dict.fromkeys(variants)),
                       _whole_expr(words[0], typed.get(words[0], words[0])) if len(words) == 1
                       else quote(" ".join(words)))


def _group(alternatives: Sequence[str]) -> str:
    return alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"


def synonym_groups_for(synonyms: Synonyms, typed: str, word: str) -> tuple[SynonymGroup, ...]:
    """The groups a word form of ``word`` is a one-word member of ("Hebammen" → Hebamme)."""
    if len(word) < MIN_FORMS:
        return ()
    found: list[SynonymGroup] = []
    for stem in (*prefix_stems(typed), *word_stems(typed)):
        for group in synonyms.groups_with_word(stem):
            if group not in found:
                found.append(group)
    return tuple(found)


def _word_alternatives(word: str, typed: str, vocabulary: TermVocabulary | None,
                       fuzzy: bool, is_last: bool, has_synonyms: bool, variants: list[str]
                       ) -> tuple[list[str], list[str]]:
    """The alternatives for one word: (the word and its forms, spelling variants).

    Spelling variants only for a word that matches nothing as typed nor in any form, is no
    real word (:func:`~.dictionary.is_real_word`: "Gewalt" never becomes "gemalt") and has
    no synonym to find instead.
    """
    own = [term_expr(word, vocabulary), *form_alternatives(word, typed, vocabulary)]
    if vocabulary is None:
        return own, []
    found_as_typed = (vocabulary.has_prefix(word)
                      or any(vocabulary.has_prefix(stem) for stem in prefix_stems(typed))
                      or any(vocabulary.is_word(form) for form in query_forms(typed)))
    if not found_as_typed:
        split = split_compound(word, vocabulary)
        if split:
            # a compound of two indexed words is the typed word, not a look-alike: a real
            # word the directory spells otherwise ("Schuldenberatung") finds its parts too
            head = _group([quote(split[0]), *form_alternatives(split[0], split[0], vocabulary)])
            own.append(f"({head} AND {term_expr(split[1], vocabulary)})")
    if (not fuzzy or len(word) < FUZZY_MIN_LENGTH or has_synonyms or found_as_typed
            or is_real_word(word)):
        return own, []
    candidates = vocabulary.close_words(word, 1, MAX_FUZZY, as_prefix=is_last)
    variants.extend(candidate.term for candidate in candidates)
    spelling = [term_expr(candidate.term, vocabulary) for candidate in candidates]
    return own, spelling


LINKING_ENDINGS = ("s", "es", "n", "en", "e", "er")  # German Fugenelemente, longest last


def split_compound(word: str, vocabulary: TermVocabulary) -> tuple[str, str] | None:
    """Split a German compound into two indexed words (a linking ``s``, ``en`` … allowed),
    or None. A whole word as the tail beats a prefix ("Schulden|beratung", not
    "Schuld|enberatung")."""
    if len(word) < MIN_SPLIT or not word.isalpha():
        return None
    cuts = range(3, len(word) - MIN_PART + 1)  # longest tail first
    for tail_fits in (vocabulary.is_word, vocabulary.has_prefix):
        for cut in cuts:
            head, tail = word[:cut], word[cut:]
            if not tail_fits(tail):
                continue
            if vocabulary.is_word(head):
                return head, tail
            for ending in LINKING_ENDINGS:
                stem = head.removesuffix(ending)
                if stem != head and len(stem) >= 3 and vocabulary.is_word(stem):
                    return stem, tail
    return None
