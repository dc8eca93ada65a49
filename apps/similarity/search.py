"""Search that reads Korean: a query word matches a proposal by its text or by its key
terms, with particles and endings dropped and other names of the same thing found too
("철도를" finds 철도, "그린벨트" finds 개발제한구역, "GTX" finds 광역급행철도).

Each word of the query is analysed with the same Kiwi analyser that indexes proposals
(``tokenizer.terms_of``); its *head* terms (those that are not part of a longer term of
the same word, so "그린벨트" asks for 개발제한구역, not 개발 or 구역) are looked for in the
title, summary and reference, and in the proposal's term index (which also joins spaced
and unspaced compounds). The operators' synonym list (``synonyms.py``, kept in the admin)
adds every other name of the word's group at query time. Words are combined with AND.

The result is one ``Q`` with an ``EXISTS`` subquery, and ``ranked`` one more correlated
subquery in the same statement: a searched list costs the same number of queries
whatever the words (plus one to read the synonym list when it is not cached). Both work
on SQLite and PostgreSQL alike.
"""

import dataclasses

from django.db.models import Case, Exists, F, FloatField, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from . import synonyms
from .models import ProposalTerm
from .tokenizer import kiwi, terms_of

MAX_WORDS = 8
TEXT_FIELDS = ("title", "summary", "reference")
TITLE_BONUS = 3.0  # a word found in the title outranks key-term weight alone


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
    """The words of a query (at most 8), each with every name it may be written as."""
    typed = (value or "").split()[:MAX_WORDS]
    if not typed:
        return []  # no search: not even the synonym list is read
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


def text_q(value: str, *, proposal_field: str = "pk") -> Q:
    """The proposals every word of ``value`` finds (an empty query finds everything)."""
    condition = Q()
    for word in analyse(value):
        condition &= _word_q(word, proposal_field)
    return condition


def rank(value: str):
    """How well a proposal answers ``value``: the weight of its key terms the query names
    (title counts thrice, a rare term more than a common one is not needed for a list)
    plus a bonus per word found in the title. An expression, for ``annotate``."""
    words = analyse(value)
    heads = [head for word in words for _name, name_heads in word.names for head in name_heads]
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
    """``queryset`` best match first (``then``: the order among equals), as ``search_rank``."""
    order = then or ("-submitted_at", "-pk")
    return queryset.annotate(search_rank=rank(value)).order_by(F("search_rank").desc(), *order)


def highlight_terms(value: str) -> list[str]:
    """What to mark in a result's title: every name and term the query was found by."""
    terms = [term for word in analyse(value) for term in word.terms]
    return sorted(dict.fromkeys(term for term in terms if term), key=len, reverse=True)
