"""``ChoiceLabelsMixin``: the same labels as Django's ``get_FOO_display``, in the active
language, without rebuilding the choices on every call."""

from django.utils import translation

from apps.proposals.models import Proposal, ProposalStatus


def test_a_label_follows_the_active_language():
    proposal = Proposal(status=ProposalStatus.IN_REVIEW, outcome="")
    with translation.override("ko"):
        assert proposal.get_status_display() == "검토중"
    with translation.override("en"):
        assert proposal.get_status_display() == "In review"


def test_a_value_without_a_choice_is_shown_as_it_is():
    assert Proposal(status="unknown-state").get_status_display() == "unknown-state"
    assert Proposal(outcome="").get_outcome_display() == ""
