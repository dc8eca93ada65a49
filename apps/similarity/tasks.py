"""Work that needs the Korean analyser (Kiwi, ~250 MB once loaded) runs in Celery
workers, never in a web process: indexing a proposal's key terms and storing its
matches when it is written, the key terms of a text being drafted and the words of a
search query (``query_analysis``).

Each task is idempotent: a redelivery recomputes the same rows.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.db import OperationalError, transaction

logger = logging.getLogger(__name__)
DRAFT_TERMS_TIMEOUT = 10  # seconds a web request waits for a worker's analysis of a draft


@shared_task(name="similarity.index_proposal", autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def index_proposal(proposal_id: int) -> int:
    """Key terms of one proposal, then its stored matches; returns how many matches."""
    from apps.proposals.models import Proposal

    from .indexing import index_proposal as write_terms
    from .matching import store_matches

    proposal = Proposal.objects.filter(pk=proposal_id).only("pk", "title", "summary", "requested_action").first()
    if proposal is None:
        return 0
    write_terms(proposal)
    return store_matches(proposal_id)


@shared_task(name="similarity.draft_terms")
def draft_terms(title: str = "", summary: str = "", requested_action: str = "") -> dict[str, float]:
    """Key terms of a text being typed (the draft form's similar-proposals panel)."""
    from .tokenizer import key_terms

    return key_terms(title=title, summary=summary, requested_action=requested_action)


@shared_task(name="similarity.query_words")
def query_words(query: str) -> list:
    """A search query's words, each as ``[[name, [head terms]], …]`` (``search.analyse``)."""
    from .search import analyse_here

    return [[[name, list(heads)] for name, heads in word.names] for word in analyse_here(query)]


def index_after_commit(proposal_id: int) -> None:
    """Ask a worker to (re)index a proposal once the writing transaction commits.

    With tasks in-process (``CELERY_TASK_ALWAYS_EAGER``: tests, a development server
    without Redis) it runs at once, inside the transaction, as a worker would see it
    after the commit."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        index_proposal.apply(kwargs={"proposal_id": proposal_id}, throw=True)
        return
    transaction.on_commit(lambda: index_proposal.delay(proposal_id=proposal_id))


def draft_key_terms(*, title: str, summary: str, requested_action: str) -> dict[str, float]:
    """The key terms of a draft, analysed by a worker; the web request waits up to
    ``DRAFT_TERMS_TIMEOUT`` seconds, and shows no matches rather than an error if the
    workers are busy (the form works without the panel)."""
    from celery.exceptions import TimeoutError as CeleryTimeout

    fields = {"title": title, "summary": summary, "requested_action": requested_action}
    try:
        return draft_terms.apply_async(kwargs=fields).get(timeout=DRAFT_TERMS_TIMEOUT)
    except CeleryTimeout:
        logger.warning("similarity.draft_terms: no worker answered in %ss", DRAFT_TERMS_TIMEOUT)
        return {}
