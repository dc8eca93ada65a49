"""The state machine's transitions of issue 17's actions, mixed into ``Proposal`` (the
registry's records are in ``followup_specs.py``): all keep the state (``target=None``)
and say where they may be fired."""

import datetime

from django.conf import settings
from django.utils import timezone
from django_fsm import transition

from .accountability_models import ResultEvaluation, SatisfactionRating
from .models import Outcome
from .models import ProposalStatus as S


class AccountabilityMixin:
    @transition(
        field="status",
        source=[S.ASSIGNED, S.IN_REVIEW, S.DECIDED, S.RECONSIDERATION],
        target=None,
        conditions=[lambda p: p.has_unclosed_consultation],
    )
    def close_consultation(self):
        pass

    # The reviewer asks the region for information during review; the clock pauses until it answers.
    @transition(field="status", source=S.IN_REVIEW, target=None, conditions=[lambda p: p.info_requested_at is None])
    def ask_region(self):
        pass

    @transition(field="status", source=S.IN_REVIEW, target=None, conditions=[lambda p: p.info_requested_at is not None])
    def answer_region_request(self):
        pass

    # The follow-up plan (추진계획) of an accepted, partly accepted or long-term decision.
    @transition(field="status", source=[S.DECIDED, S.IN_PROGRESS], target=None, conditions=[lambda p: p.has_plan])
    def add_milestone(self):
        pass

    @transition(field="status", source=[S.DECIDED, S.IN_PROGRESS], target=None, conditions=[lambda p: p.has_plan])
    def update_milestone(self):
        pass

    # After completion: the region rates the handling, the TF records the result (once each).
    @transition(field="status", source=S.COMPLETED, target=None, conditions=[lambda p: not p.is_rated])
    def rate(self):
        pass

    @transition(field="status", source=S.COMPLETED, target=None, conditions=[lambda p: not p.is_evaluated])
    def evaluate(self):
        pass

    def _annotated_or_exists(self, annotation: str, rows) -> bool:
        """A list's annotation when there is one (``selectors.with_action_conditions``: no
        query per row), else whether the queryset ``rows()`` makes has any."""
        annotated = self.__dict__.get(annotation)
        return annotated if annotated is not None else rows().exists()

    @property
    def is_rated(self) -> bool:
        return self._annotated_or_exists("rated", lambda: SatisfactionRating.objects.filter(proposal_id=self.pk))

    @property
    def is_evaluated(self) -> bool:
        return self._annotated_or_exists("evaluated", lambda: ResultEvaluation.objects.filter(proposal_id=self.pk))

    @property
    def has_unclosed_consultation(self) -> bool:
        return self._annotated_or_exists("unclosed_consultation", lambda: self.consultations.exclude(state="closed"))

    @property
    def has_plan(self) -> bool:
        return self.outcome in (Outcome.ACCEPTED, Outcome.PARTIALLY_ACCEPTED, Outcome.LONG_TERM)

    @property
    def appeal_deadline(self):
        """The last day a reconsideration may be requested: settings.APPEAL_WINDOW_DAYS
        (15, per 국민제안) calendar days after the decision was sent."""
        if self.decided_at is None:
            return None
        return timezone.localdate(self.decided_at) + datetime.timedelta(days=settings.APPEAL_WINDOW_DAYS)

    @property
    def appeal_open(self) -> bool:
        return self.appeal_deadline is not None and timezone.localdate() <= self.appeal_deadline
