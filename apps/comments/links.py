"""Where a comment is read: its target's page, at the comment's anchor."""

from django.urls import reverse

from .models import TargetKind, target_kind_of


def target_url(target) -> str:
    kind = target_kind_of(target)
    if kind == TargetKind.PROPOSAL:
        return reverse("proposal-detail", args=[target.pk])
    if kind == TargetKind.AGENDA:
        return reverse("meeting-agenda-item", args=[target.meeting_id, target.pk])
    return reverse("forum-topic-detail", args=[target.pk])


def comment_url(comment) -> str:
    return f"{target_url(comment.target)}#comment-{comment.pk}"
