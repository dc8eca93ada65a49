"""A superuser account is for the Django admin's data maintenance: the workflow rules
apply to it like anyone else — refused every rule it holds no role for, allowed what
its roles allow — while Django's own permissions keep treating it as a superuser."""

import pytest
from django.contrib.auth.models import Permission

from apps.accounts.models import User
from apps.comments import services as comments
from apps.organisations.models import Body
from apps.proposals.models import Proposal
from apps.proposals.models import ProposalStatus as S
from apps.proposals.selectors import internal_visibility_q, visibility_q
from tests.meetings.support import MeetingCast, make_meeting
from tests.proposals.support import proposal_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return MeetingCast()


@pytest.fixture
def world(cast):
    proposal = proposal_in(cast, S.IN_REVIEW)
    comment = comments.comment_post(target=proposal, actor=cast["official"], body="의견입니다")
    return {
        "proposal": proposal,
        "meeting": make_meeting(cast),
        "comment": comment,
        "internal_body": Body.objects.get(code="tf"),
        None: None,
    }


def _superuser(username="root") -> User:
    return User.objects.create_superuser(username, f"{username}@example.go.kr", "pw-1234!")


def _made_superuser(user) -> User:
    user.is_superuser = user.is_staff = True
    user.save()
    return User.objects.get(pk=user.pk)


# (permission, the object it is asked about) across the apps.
WORKFLOW = [
    ("proposals.view_proposal", "proposal"),
    ("proposals.view_internal_notes", "proposal"),
    ("proposals.add_proposal", None),
    ("proposals.change_proposal", "proposal"),
    ("proposals.endorse_proposal", "proposal"),
    ("proposals.assign_proposal", "proposal"),
    ("proposals.decide_proposal", "proposal"),
    ("proposals.uphold_proposal", "proposal"),
    ("proposals.consult_proposal", "proposal"),
    ("proposals.attach_proposal", "proposal"),
    ("meetings.add_meeting", None),
    ("meetings.change_meeting", "meeting"),
    ("meetings.record_outcome", "meeting"),
    ("meetings.add_forumtopic", None),
    ("meetings.add_recommendation", None),
    ("comments.moderate_comments", None),
    ("comments.moderate_comment", "comment"),
    ("exchange.import_proposals", None),
    ("proposals.triage_proposals", None),
    ("similarity.manage_cluster", None),
    ("similarity.view_similar", None),
    ("organisations.view_body_members", "internal_body"),
]


@pytest.mark.parametrize(("permission", "about"), WORKFLOW, ids=[p for p, _ in WORKFLOW])
def test_a_superuser_without_roles_is_refused_workflow_permissions(world, permission, about):
    assert not _superuser().has_perm(permission, world[about])


# (role in the cast, permission, object): the same rules allow a superuser who holds the role.
WITH_ROLE = [
    ("official", "proposals.add_proposal", None),
    ("official", "exchange.import_proposals", None),
    ("official", "proposals.view_proposal", "proposal"),
    ("tf_staff", "proposals.assign_proposal", "proposal"),
    ("tf_staff", "meetings.add_meeting", None),
    ("tf_staff", "comments.moderate_comments", None),
    ("tf_staff", "similarity.manage_cluster", None),
    ("lead_reviewer", "proposals.decide_proposal", "proposal"),
    ("tf_lead", "proposals.uphold_proposal", "proposal"),
]


@pytest.mark.parametrize(("role", "permission", "about"), WITH_ROLE, ids=[f"{r}-{p}" for r, p, _ in WITH_ROLE])
def test_a_superuser_holding_the_role_is_allowed(cast, world, role, permission, about):
    assert _made_superuser(cast[role]).has_perm(permission, world[about])


def test_a_superuser_with_a_role_gets_only_what_the_role_allows(cast, world):
    official = _made_superuser(cast["official"])

    assert not official.has_perm("proposals.decide_proposal", world["proposal"])
    assert not official.has_perm("meetings.add_meeting")


def test_has_perms_applies_the_rules_to_every_name(cast):
    root = _superuser()

    assert not root.has_perms(["organisations.change_region", "proposals.add_proposal"])
    assert _made_superuser(cast["official"]).has_perms(["organisations.change_region", "proposals.add_proposal"])


def test_django_permissions_keep_their_superuser_behaviour():
    root = _superuser()

    assert root.has_perm("organisations.change_region")
    assert root.has_perm("auth.view_group")
    assert root.has_module_perms("proposals")


def test_an_inactive_superuser_has_no_django_permissions():
    root = _superuser()
    root.is_active = False

    assert not root.has_perm("organisations.change_region")


def test_a_model_permission_grants_no_workflow_permission_of_the_same_name(world):
    """``proposals.change_proposal`` is both a model permission (for the admin) and a
    rule; the rule alone decides the workflow."""
    staff = User.objects.create_user("clerk", "clerk@example.go.kr", "pw-1234!", is_staff=True)
    codenames = ["view_proposal", "change_proposal"]
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="proposals", codename__in=codenames))
    staff = User.objects.get(pk=staff.pk)

    assert not staff.has_perm("proposals.view_proposal", world["proposal"])
    assert not staff.has_perm("proposals.change_proposal", world["proposal"])


def test_a_superuser_sees_no_proposal_it_has_no_role_for(world):
    root = _superuser()

    assert not Proposal.objects.filter(visibility_q(root)).exists()
    assert not Proposal.objects.filter(internal_visibility_q(root)).exists()


def test_a_superuser_with_the_tf_role_sees_every_submitted_proposal(cast, world):
    tf = _made_superuser(cast["tf_staff"])

    assert Proposal.objects.filter(visibility_q(tf)).filter(pk=world["proposal"].pk).exists()
