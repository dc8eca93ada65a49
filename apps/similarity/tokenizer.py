"""Key terms of Korean proposal texts, with the Kiwi morphological analyser (kiwipiepy).

Korean glues particles and endings to its nouns ("개발제한구역을", "해제하고") and writes
compounds with or without spaces ("도시재생", "도시 재생"), so neither whitespace splitting
nor n-grams of the raw text match two wordings of one request well. Kiwi tags each
morpheme; from its output we keep:

- every noun of two or more characters (common and proper nouns, foreign words such as
  "BRT", hanja, roots), normalised (Latin lower-cased);
- each compound: adjacent nouns written together, with a prefix or suffix ("신+공항",
  "고속+화", "개발+제한+구역"), as one more term — the compound is the precise name of the
  thing asked for, its parts let "도심 융합 특구" meet "도심융합특구";
- for long single nouns Kiwi knows as one word ("대구경북신공항"), their two-character
  pieces, at half weight, so that they still meet "공항" and "경북".

Generic words of the genre are dropped (``lexicon.STOPWORDS``), abbreviations rewritten
first (``lexicon.REWRITES``), and place names weighted down (``lexicon.PLACES``).

Kiwi's model ships in the ``kiwipiepy_model`` wheel: nothing is downloaded at run time.
It takes about half a second and ~250 MB to load, so it is loaded once per process, on
first use, without the multi-word and typo dictionaries we do not need.
"""

import math
import re
import threading
from collections import defaultdict
from collections.abc import Iterable

from . import lexicon

# Kiwi tags (Sejong tag set).
NOUNS = frozenset({"NNG", "NNP", "SL", "SH", "XR"})
PREFIXES = frozenset({"XPN"})
SUFFIXES = frozenset({"XSN"})

# How much each field of a proposal counts: the title names the request.
FIELD_WEIGHTS = {"title": 3.0, "summary": 1.0, "requested_action": 1.0}
PIECE_WEIGHT = 0.5
LONG_NOUN = 4  # nouns of at least this many characters also yield their pieces
MAX_TERM_LENGTH = 60  # ProposalTerm.term's max_length

_REWRITES = [(re.compile(pattern, re.IGNORECASE), replacement) for pattern, replacement in lexicon.REWRITES]
_kiwi = None
_kiwi_lock = threading.Lock()


def kiwi():
    """The process's Kiwi analyser (loaded on first use; thread-safe)."""
    global _kiwi
    if _kiwi is None:
        with _kiwi_lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                _kiwi = Kiwi(load_multi_dict=False, load_typo_dict=False)
    return _kiwi


def rewrite(text: str) -> str:
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    return text


def _place(term: str) -> bool:
    if term in lexicon.PLACES:
        return True
    return any(term.endswith(suffix) and term[: -len(suffix)] in lexicon.PLACES for suffix in lexicon.PLACE_SUFFIXES)


_WORD = re.compile(r"^[^\W_]+(?:&[^\W_]+)*$")  # letters and digits only (any script): no "시·도"


def _keep(term: str) -> bool:
    return (
        2 <= len(term) <= MAX_TERM_LENGTH
        and term not in lexicon.STOPWORDS
        and not term.isdigit()
        and _WORD.match(term) is not None
    )


def _runs(tokens) -> Iterable[list]:
    """Groups of morphemes written together that form one noun phrase: nouns, a prefix
    only at the start, a suffix only at the end."""
    run: list = []
    for token in tokens:
        joinable = token.tag in NOUNS or token.tag in PREFIXES or token.tag in SUFFIXES
        if (
            run
            and joinable
            and token.start == run[-1].start + run[-1].len
            and token.tag not in PREFIXES
            and run[-1].tag not in SUFFIXES
        ):
            run.append(token)
            continue
        if run:
            yield run
        run = [token] if joinable else []
    if run:
        yield run


def terms_of(text: str) -> dict[str, float]:
    """Terms of one text with their raw counts (pieces count half)."""
    counts: dict[str, float] = defaultdict(float)
    if not text or not text.strip():
        return counts
    for run in _runs(kiwi().tokenize(rewrite(text))):
        nouns = [token for token in run if token.tag in NOUNS]
        if not nouns:
            continue
        for token in nouns:
            form = token.form.lower()
            if not _keep(form):
                continue
            counts[form] += 1.0
            if len(form) >= LONG_NOUN and token.tag != "SL":
                for index in range(len(form) - 1):
                    piece = form[index : index + 2]
                    if _keep(piece) and piece != form:
                        counts[piece] += PIECE_WEIGHT
        if len(run) > 1:
            compound = "".join(token.form for token in run).lower()
            if _keep(compound):
                counts[compound] += 1.0
    return counts


def key_terms(*, title: str = "", summary: str = "", requested_action: str = "") -> dict[str, float]:
    """A proposal's key terms and their weights: field-weighted, sublinear in how often
    a term occurs, place names weighted down. Scoring multiplies by IDF at query time,
    so these weights do not change as the corpus grows."""
    raw: dict[str, float] = defaultdict(float)
    for field, text in (("title", title), ("summary", summary), ("requested_action", requested_action)):
        for term, count in terms_of(text).items():
            raw[term] += FIELD_WEIGHTS[field] * count
    weights = {}
    for term, value in raw.items():
        weight = 1.0 + math.log(value) if value > 1.0 else value
        if _place(term):
            weight *= lexicon.PLACE_FACTOR
        weights[term] = round(weight, 4)
    return weights
