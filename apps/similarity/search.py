"""Search that reads Korean: a query word matches a proposal by its text or by its key
terms, with particles and endings dropped and variant names rewritten ("철도를" finds
철도, "그린벨트" finds 개발제한구역, "GTX" finds 광역급행철도).

Each word of the query is analysed with the same Kiwi analyser that indexes proposals
(``tokenizer.terms_of``); its *head* terms (those that are not part of a longer term of
the same word, so "그린벨트" asks for 개발제한구역, not 개발 or 구역) are looked for in the
title, summary and reference, and in the proposal's term index (which also joins spaced
and unspaced compounds). Words are combined with AND. The result is one ``Q`` with an
``EXISTS`` subquery: the list it filters costs the same number of queries as before.
"""

from django.db.models import Exists, OuterRef, Q

from .models import ProposalTerm
from .tokenizer import kiwi, terms_of

MAX_WORDS = 8
TEXT_FIELDS = ("title", "summary", "reference")


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


def _contains_any(candidates) -> Q:
    match = Q(pk__in=[])
    for candidate in candidates:
        for field in TEXT_FIELDS:
            match |= Q(**{f"{field}__icontains": candidate})
    return match


def text_q(value: str, *, proposal_field: str = "pk") -> Q:
    """The proposals every word of ``value`` finds (an empty query finds everything)."""
    condition = Q()
    for word in value.split()[:MAX_WORDS]:
        heads = head_terms(word)
        match = _contains_any(dict.fromkeys([word, *heads]))
        if heads:
            indexed = ProposalTerm.objects.filter(proposal_id=OuterRef(proposal_field), term__in=heads)
            match |= Exists(indexed)
        condition &= match
    return condition
