"""The proposal table's indexes for the lists (issue 16, bench/README.md), apart so
``models.py`` stays readable."""

from django.db import models
from django.db.models import F


def list_indexes(public: models.Q, *, received: models.Q, running) -> list[models.Index]:
    """``public``: what the public sees and ``received``: what the ministry has received
    (partial indexes); ``running``: states whose clock runs."""
    return [
        # Each list's default order, so a page of 20 reads 20 index entries (issue 16,
        # bench/README.md; PostgreSQL's DESC puts NULLs first and ASC last, as the
        # queues order them): staff queues newest first, with and without a status…
        models.Index(F("submitted_at").desc(), F("created_at").desc(), F("id").desc(), name="proposal_newest"),
        # (the TF's lists and the API: everything received — the same order without first
        # stepping over every unsubmitted draft, whose empty date sorts first)
        models.Index(
            F("submitted_at").desc(),
            F("created_at").desc(),
            F("id").desc(),
            condition=received,
            name="proposal_received_newest",
        ),
        models.Index(
            F("status"),
            F("submitted_at").desc(),
            F("created_at").desc(),
            F("id").desc(),
            name="proposal_status_newest",
        ),
        # …a department's inbox by due date…
        models.Index(F("lead_department"), F("due_at").asc(), F("id"), name="proposal_department_due"),
        # …proposals whose clock runs, by due date (the overdue filter)…
        models.Index(
            F("due_at"),
            condition=models.Q(status__in=running),
            name="proposal_running_due",
        ),
        # …the staff lists' outcome filter…
        models.Index(fields=["outcome", "status"], name="proposal_outcome_status"),
        # …and the public list (public and received) newest first, whole or by region,
        # outcome or lead department (also the filter form's EXISTS probes).
        models.Index(F("submitted_at").desc(), F("id").desc(), condition=public, name="proposal_public_newest"),
        models.Index(
            F("region"), F("submitted_at").desc(), F("id").desc(), condition=public, name="proposal_public_region"
        ),
        models.Index(
            F("outcome"),
            F("submitted_at").desc(),
            F("id").desc(),
            condition=public,
            name="proposal_public_outcome",
        ),
        models.Index(
            F("lead_department"), F("submitted_at").desc(), condition=public, name="proposal_public_department"
        ),
        # The ids of public proposals alone: a search's capped count joins them to the
        # matching documents in id order from the index, never reading a proposal's row.
        models.Index(fields=["id"], condition=public, name="proposal_public_ids"),
    ]
