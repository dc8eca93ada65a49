"""Search that reads Korean: a query word matches a proposal by its text or by its key
terms, with particles and endings dropped and other names of the same thing found too
("철도를" finds 철도, "그린벨트" finds 개발제한구역, "GTX" finds 광역급행철도).

Each word of the query is analysed with the same Kiwi analyser that indexes proposals
(``tokenizer.terms_of``); its *head* terms (those that are not part of a longer term of
the same word, so "그린벨트" asks for 개발제한구역, not 개발 or 구역) are looked for in the
title, summary and reference, and in the proposal's term index (which also joins spaced
and unspaced compounds). The operators' synonym list (``synonyms.py``, kept in the admin)
adds every other name of the word's group at query time. Words are combined with AND.

On PostgreSQL the terms are matched in each proposal's pre-analysed ``tsvector``
(``ProposalDocument``, GIN index): the whole query is one ``tsquery`` (words AND, a
word's names OR, a name's head terms AND), so a search reads index entries, not rows, and
``ts_rank`` orders the matches (title terms weigh most, ``documents.py``). Only a word
without any term (a reference, a number) is looked for as written, in the title and the
reference, behind pg_trgm indexes. Elsewhere (SQLite) each head is an ``EXISTS`` on
``ProposalTerm`` or a substring of the title, summary or reference, ranked by the terms'
weights plus a bonus per word in the title.

Either way the result is one ``Q`` and one rank expression in the same statement: a
searched list costs the same number of queries whatever the words (plus one to read the
synonym list when it is not cached).
"""

import dataclasses

from django.contrib.postgres.search import SearchQueryField
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce

from . import documents, query_analysis, synonyms
from .models import ProposalDocument, ProposalTerm
from .tokenizer import kiwi, terms_of

MAX_WORDS = 8
TEXT_FIELDS = ("title", "summary", "reference")
TITLE_BONUS = 3.0  # a word found in the title outranks key-term weight alone
WHERE_WRITTEN = ("title", "reference")  # where a word without terms is looked for (PostgreSQL)
DOCUMENT = "search_document__terms"


def stem(word: str) -> str:
    """``word`` without the particles and endings at its end ("그린벨트를" → "그린벨트"): cut
    before variant names are rewritten, since the particle fits the name as typed."""
    end = len(word)
    for token in reversed(kiwi().tokenize(word)):
        if not token.tag.startswith(("J", "E")) or token.start >= end:
            break
        end = token.start
    return word[:end] or word


def head_terms(word: str) -> list[str]:
    """The terms ``word`` names: its nouns without particles, variant names rewritten,
    the longest reading of a compound only."""
    terms = sorted(terms_of(stem(word)), key=len, reverse=True)
    heads: list[str] = []
    for term in terms:
        if not any(term in longer for longer in heads):
            heads.append(term)
    return heads


@dataclasses.dataclass(frozen=True)
class Word:
    """One word of a query: each name it may be written as, with that name's index terms."""

    names: tuple[tuple[str, tuple[str, ...]], ...]  # (name, its head terms)

    @property
    def terms(self) -> list[str]:
        """Every name and head term, for ranking and marking."""
        return list(dict.fromkeys(term for name, heads in self.names for term in (name, *heads)))


def analyse(value: str) -> list[Word]:
    """The words of a query (at most 8), each with every name it may be written as: as a
    worker's analyser read them (``query_analysis``; the web never loads Kiwi)."""
    typed = (value or "").split()[:MAX_WORDS]
    if not typed:
        return []  # no search: not even the synonym list is read
    return [
        Word(names=tuple((name, tuple(heads)) for name, heads in names))
        for names in query_analysis.words_of(" ".join(typed))
    ]


def analyse_here(value: str) -> list[Word]:
    """``analyse`` with this process's analyser: what the worker runs."""
    typed = (value or "").split()[:MAX_WORDS]
    stems = [stem(word) for word in typed]
    words = []
    for phrase in synonyms.join_phrases(stems):
        names = dict.fromkeys([phrase, *synonyms.names_of(phrase)])
        words.append(Word(names=tuple((name, tuple(head_terms(name))) for name in names)))
    return words


def _contains_any(candidates, fields=TEXT_FIELDS) -> Q:
    match = Q(pk__in=[])
    for candidate in candidates:
        for field in fields:
            match |= Q(**{f"{field}__icontains": candidate})
    return match


def _word_q(word: Word, proposal_field: str) -> Q:
    """A name found as written, or every head term of it found in the text or the index
    ("동서고속화철도" needs 동서고속화 *and* 철도, not either)."""
    match = Q(pk__in=[])
    for name, heads in word.names:
        if heads != (name,):  # else the head's own test below is the same ILIKE
            match |= _contains_any([name])
        if heads:
            every_head = Q()
            for head in heads:
                indexed = ProposalTerm.objects.filter(proposal_id=OuterRef(proposal_field), term=head)
                every_head &= _contains_any([head]) | Exists(indexed)
            match |= every_head
    return match


class TsQuery(Func):
    """A ``tsquery`` from its text form, lexemes as written (no parser, no configuration)."""

    template = "%(expressions)s::tsquery"
    output_field = SearchQueryField()

    def __init__(self, text: str):
        super().__init__(Value(text))


class Matches(Func):
    """``document @@ query``."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class TsRank(Func):
    function = "ts_rank"
    output_field = FloatField()


def _lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _tsquery(word: Word) -> str:
    """The word's names (OR), each the AND of its head terms; "" when it has no terms."""
    names = ["(" + " & ".join(_lexeme(head) for head in heads) + ")" for _name, heads in word.names if heads]
    return "(" + " | ".join(names) + ")" if names else ""


def _full_text_q(words: list[Word]) -> Q:
    condition, indexed = Q(), []
    for word in words:
        query = _tsquery(word)
        bare = [name for name, heads in word.names if not heads]
        if not bare:
            indexed.append(query)
            continue
        # A name without terms ("2026-51-0007", "3호선") is looked for as written.
        match = _contains_any(bare, fields=WHERE_WRITTEN)
        if query:
            found = ProposalDocument.objects.filter(Matches(F("terms"), TsQuery(query)))
            match |= Q(pk__in=found.values("proposal_id"))
        condition &= match
    if indexed:
        condition &= Q(Matches(F(DOCUMENT), TsQuery(" & ".join(indexed))))
    return condition


def text_q(value: str) -> Q:
    """The proposals every word of ``value`` finds (an empty query finds everything)."""
    words = analyse(value)
    if documents.enabled():
        return _full_text_q(words)
    condition = Q()
    for word in words:
        condition &= _word_q(word, "pk")
    return condition


def rank(value: str):
    """How well a proposal answers ``value``, an expression for ``annotate``. PostgreSQL:
    ``ts_rank`` of its document against every head term of the query (any of them: the
    weight classes add up, a title term counting most). Elsewhere: the weight of its key
    terms the query names (title counts thrice) plus a bonus per word found in the title."""
    words = analyse(value)
    heads = list(dict.fromkeys(head for word in words for _name, name_heads in word.names for head in name_heads))
    if documents.enabled():
        if not heads:
            return Cast(Value(0.0), FloatField())  # a bare constant cannot be ordered by
        return Coalesce(TsRank(F(DOCUMENT), TsQuery(" | ".join(_lexeme(head) for head in heads))), Value(0.0))
    weights = (
        ProposalTerm.objects.filter(proposal_id=OuterRef("pk"), term__in=heads or [""])
        .order_by()
        .values("proposal_id")
        .annotate(total=Sum("weight"))
        .values("total")
    )
    score = Coalesce(Subquery(weights, output_field=FloatField()), Value(0.0))
    for word in words:
        in_title = _contains_any(word.terms, fields=("title",))
        score = score + Case(When(in_title, then=Value(TITLE_BONUS)), default=Value(0.0), output_field=FloatField())
    return score


def ranked(queryset: QuerySet, value: str, *then) -> QuerySet:
    """``queryset`` best match first (``then``: the order among equals), as ``search_rank``.

    On PostgreSQL equals come newest record first (``-pk``): rank and proposal id both
    belong to the search document, so the planner sorts the matching documents alone and
    joins proposals only until a page is full (60 ms instead of 260 ms for 22,000 matches
    at 100,000 proposals). Elsewhere newest submission first."""
    order = then or (("-pk",) if documents.enabled() else ("-submitted_at", "-pk"))
    return queryset.annotate(search_rank=rank(value)).order_by(F("search_rank").desc(), *order)


def highlight_terms(value: str) -> list[str]:
    """What to mark in a result's title: every name and term the query was found by."""
    terms = [term for word in analyse(value) for term in word.terms]
    return sorted(dict.fromkeys(term for term in terms if term), key=len, reverse=True)
