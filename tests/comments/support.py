"""Comments through the real services, for tests."""

from apps.comments import services
from apps.meetings.models import AgendaItem
from apps.proposals.models import ProposalStatus as S
from tests.meetings.support import make_meeting, make_topic
from tests.proposals.support import proposal_in


def public_proposal(cast, title="강릉 개발제한구역 해제 건의"):
    return proposal_in(cast, S.ASSIGNED, title=title)


def private_proposal(cast, title="비공개 건의"):
    proposal = proposal_in(cast, S.ASSIGNED, title=title)
    proposal.__class__.objects.filter(pk=proposal.pk).update(is_public=False)
    proposal.refresh_from_db()
    return proposal


def post(cast, target, who, body="의견입니다", **kwargs):
    return services.comment_post(target=target, actor=cast[who], body=body, **kwargs)


def agenda_item(cast, **meeting_kwargs):
    meeting = make_meeting(cast, **meeting_kwargs)
    return AgendaItem.objects.create(meeting=meeting, position=1, title="지역 현안")


__all__ = ["agenda_item", "make_topic", "post", "private_proposal", "public_proposal"]
