"""Following one public proposal (issue 17): signed-in people hear of its public events
in the notification centre and by e-mail (their preferences decide, like any kind);
anyone else by e-mail after confirming the address (double opt-in), with a one-click
unsubscribe link (and ``List-Unsubscribe`` headers, RFC 8058) in every message.

Only what the public timeline shows is sent: public events of public proposals, with
their public payload — never a note."""

import secrets

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.core.text import clean_text
from apps.proposals.display import payload_rows
from apps.proposals.models import Follow, Proposal, ProposalEvent
from apps.proposals.timeline import timeline_for

from . import recipients
from .emails import absolute
from .models import Kind


def _token() -> str:
    return secrets.token_urlsafe(32)


def may_follow(user, proposal: Proposal) -> bool:
    return proposal.is_open_to_public or (user.is_authenticated and user.has_perm("proposals.view_proposal", proposal))


def follow(*, user, proposal: Proposal) -> Follow:
    if not may_follow(user, proposal):
        raise Http404
    try:
        with transaction.atomic():
            row, _created = Follow.objects.get_or_create(
                proposal=proposal, user=user, defaults={"token": _token(), "confirmed_at": timezone.now()}
            )
    except IntegrityError:  # the same person following twice at once
        row = Follow.objects.get(proposal=proposal, user=user)
    return row


def unfollow(*, user, proposal: Proposal) -> bool:
    deleted, _rows = Follow.objects.filter(proposal=proposal, user=user).delete()
    return bool(deleted)


def is_following(user, proposal: Proposal | int) -> bool:
    return user.is_authenticated and Follow.objects.filter(proposal=proposal, user=user).exists()


def follow_by_email(*, proposal: Proposal, email: str) -> Follow:
    """An anonymous follow: nothing is sent but the confirmation until it is confirmed."""
    if not proposal.is_open_to_public:
        raise Http404
    email = email.strip().lower()
    row = Follow.objects.filter(proposal=proposal, email=email).first()
    if row is None:
        row = Follow.objects.create(proposal=proposal, email=email, token=_token())
    if row.confirmed_at is None:
        from .tasks import follow_confirmation  # tasks import services, which import this module

        transaction.on_commit(lambda: follow_confirmation.delay(row.pk))
    return row


def confirm(token: str) -> Follow | None:
    row = Follow.objects.filter(token=token, user__isnull=True).select_related("proposal").first()
    if row is not None and row.confirmed_at is None:
        row.confirmed_at = timezone.now()
        row.save(update_fields=["confirmed_at"])
    return row


def unsubscribe(token: str) -> bool:
    deleted, _rows = Follow.objects.filter(token=token).delete()
    return bool(deleted)


# --- sending ----------------------------------------------------------------------------


def _mail(*, to: str, subject: str, template: str, context: dict, unsubscribe_url: str = "") -> None:
    with translation.override(settings.LANGUAGE_CODE):
        site_name = _("균형발전 소통창구")
        context = {**context, "site_name": site_name, "unsubscribe_url": unsubscribe_url}
        text = render_to_string(f"notifications/email/{template}.txt", context)
        subject = " ".join(f"[{site_name}] {subject}".split())
    headers = {}
    if unsubscribe_url:
        headers = {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    message = EmailMultiAlternatives(
        subject=clean_text(subject),
        body=clean_text(text),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
    )
    message.send(fail_silently=False)


def send_confirmation(follow_id: int) -> None:
    row = Follow.objects.filter(pk=follow_id, confirmed_at__isnull=True).select_related("proposal").first()
    if row is None:
        return
    proposal = row.proposal
    _mail(
        to=row.email,
        subject=_("관심 과제 알림 신청 확인: %(title)s") % {"title": proposal.title},
        template="follow_confirm",
        context={
            "proposal": proposal,
            "confirm_url": absolute(reverse("portal-follow-confirm", args=[row.token])),
            "proposal_url": absolute(reverse("portal-proposal-detail", args=[proposal.pk])),
        },
    )


def followed_text(event: ProposalEvent, proposal: Proposal) -> tuple[str, str]:
    """A follower's ``(title, body)`` of a public event, in the active language: what the
    public timeline says of it."""
    entry = timeline_for(None, proposal, [event])[0]
    body = "\n".join(f"{label}: {value}" for label, value in payload_rows(event.action, entry.payload))
    return clean_text(f"[{proposal.reference}] {entry.label}: {proposal.title}")[:300], body


def notify_followers(sender, event: ProposalEvent, **kwargs) -> int:
    """``proposal_event_created`` receiver: followers hear of a public event of a public
    proposal — signed-in ones through the centre (in the event's transaction), e-mail
    followers after it commits."""
    proposal = event.proposal
    if not event.is_public or not proposal.is_open_to_public:
        return 0
    users = list(Follow.objects.filter(proposal=proposal, user__isnull=False).values_list("user_id", flat=True))
    written = 0
    if users:
        from .services import notify  # services imports this module's neighbours

        with translation.override(settings.LANGUAGE_CODE):  # the stored fallback: Korean
            title, body = followed_text(event, proposal)
        written = notify(
            kind=Kind.FOLLOWED_UPDATE,
            people=recipients.recipients_of_users(users, exclude_user_id=event.actor_id),
            occasion_key=f"followed:{event.pk}",
            title=title,
            body=body,
            params={"renderer": "followed"},
            url=reverse("portal-proposal-detail", args=[proposal.pk]),
            proposal=proposal,
            event=event,
            fresh=True,
        )
    if Follow.objects.filter(proposal=proposal, user__isnull=True, confirmed_at__isnull=False).exists():
        from .tasks import mail_followers

        transaction.on_commit(lambda: mail_followers.delay(event.pk))
    return written


def mail_email_followers(event_id: int) -> int:
    event = ProposalEvent.objects.filter(pk=event_id).select_related("proposal").first()
    if event is None or not event.is_public or not event.proposal.is_open_to_public:
        return 0
    proposal = event.proposal
    entry = timeline_for(None, proposal, [event])[0]
    rows = payload_rows(event.action, entry.payload)
    sent = 0
    for row in Follow.objects.filter(proposal=proposal, user__isnull=True, confirmed_at__isnull=False):
        _mail(
            to=row.email,
            subject=f"[{proposal.reference}] {entry.label}: {proposal.title}",
            template="follow_update",
            context={
                "proposal": proposal,
                "label": entry.label,
                "rows": rows,
                "proposal_url": absolute(reverse("portal-proposal-detail", args=[proposal.pk])),
            },
            unsubscribe_url=absolute(reverse("portal-follow-unsubscribe", args=[row.token])),
        )
        sent += 1
    return sent
