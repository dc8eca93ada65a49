"""Disclosure rules (DESIGN.md §6): nothing internal reaches anything public.

The demo world (every state and outcome, consultations, 광주·전남 before the merger) gets
a marker planted in EVERY internal field — decision reasons, every event note and the
internal keys of every event payload, every consultation question and answer,
attachment names, and every text field of non-public, draft, awaiting-endorsement and
withdrawn proposals (their reference numbers included). Then an anonymous visitor crawls
the site from the home page, following every link (pages, filters, pagination, map
regions, downloads), plus every public API page, every proposal's public page and API
detail, the feeds and the downloads; no response may contain any marker. Searching for a
marker finds nothing, and every non-public proposal answers 404.

The markers share the prefix ``ZZLEAK`` so one substring check finds any of them; a
staff page showing them proves the check would notice a leak.
"""

import io
import re
import zipfile
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.urls import reverse

from apps.accounts.models import User
from apps.comments.models import Comment, CommentReport, CommentRevision, Visibility
from apps.meetings.models import AgendaItem, CalendarFeedToken, ForumTopic, Invitation, Meeting, MeetingStatus
from apps.portal.selectors import public_proposals
from apps.proposals.models import Attachment, Consultation, Proposal, ProposalEvent
from apps.proposals.models import ProposalStatus as S

pytestmark = pytest.mark.django_db

PREFIX = "ZZLEAK"
TEXT_FIELDS = ("title", "summary", "body", "requested_action", "related_laws", "location", "decision_summary",
               "referred_ministry", "decision_reasons")  # fmt: skip
SKIP_PREFIXES = ("/static/", "/admin/", "/accounts/", "/i18n/", "/media/", "/api/v1/docs", "/api/v1/redoc",
                 "/api/v1/schema", "/proposals/", "/notifications/", "/exchange/",
                 "/similarity/")  # fmt: skip
MAX_PAGES = 1500


def marker(kind: str, n: int | str = "") -> str:
    return f"{PREFIX}-{kind}-{n}"


def plant_markers() -> dict[str, int]:
    """Markers in every internal field; returns how many of each were planted."""
    planted = {}
    tf = User.objects.get(username="tf1")

    decided = Proposal.objects.exclude(outcome="")
    planted["decision_reasons"] = decided.count()
    for proposal in decided:
        Proposal.objects.filter(pk=proposal.pk).update(decision_reasons=marker("reasons", proposal.pk))

    events = list(ProposalEvent.objects.all())
    planted["event_notes"] = len(events)
    for event in events:
        payload = {**event.payload, "milestone": marker("milestone", event.pk), "internal": marker("payload", event.pk)}
        ProposalEvent.objects.filter(pk=event.pk).update(note=marker("note", event.pk), payload=payload)

    consultations = list(Consultation.objects.all())
    planted["consultations"] = len(consultations)
    for consultation in consultations:
        Consultation.objects.filter(pk=consultation.pk).update(
            question=marker("question", consultation.pk), answer=marker("answer", consultation.pk)
        )

    # Attachments on public proposals: their names are internal too.
    public_ids = list(public_proposals().values_list("pk", flat=True)[:10])
    for pk in public_ids:
        Attachment.objects.create(
            proposal_id=pk,
            file=f"proposals/{pk}/missing",
            original_name=marker("attachment", pk) + ".pdf",
            content_type="application/pdf",
            size=1,
            uploaded_by=tf,
        )
    planted["attachments"] = len(public_ids)

    # Non-public proposals in public states: one per state where the demo has one, and
    # the target of a merge (the merged proposal itself stays public).
    hidden = set()
    for status in (S.SUBMITTED, S.IN_REVIEW, S.DECIDED, S.IN_PROGRESS, S.COMPLETED, S.REFERRED):
        first = public_proposals().filter(status=status).exclude(pk__in=public_ids).first()
        if first is not None:
            hidden.add(first.pk)
    merged = public_proposals().filter(status=S.MERGED, merged_into__isnull=False).first()
    assert merged is not None, "the demo world has a merged proposal"
    hidden.add(merged.merged_into_id)
    Proposal.objects.filter(pk__in=hidden).update(is_public=False)
    planted["non_public"] = len(hidden)

    unsubmitted = Proposal.objects.filter(status__in=[S.DRAFT, S.AWAITING_ENDORSEMENT, S.WITHDRAWN])
    planted["unsubmitted"] = unsubmitted.count()
    for n, proposal in enumerate([*Proposal.objects.filter(pk__in=hidden), *unsubmitted]):
        fields = {name: marker(name, proposal.pk) for name in TEXT_FIELDS}
        fields["reference"] = f"{PREFIX}-R{n:05d}"
        Proposal.objects.filter(pk=proposal.pk).update(**fields)
    planted.update(plant_meeting_and_comment_markers())
    return planted


def plant_meeting_and_comment_markers() -> dict[str, int]:
    """Internal comments (and every hidden one), report reasons and edit history of
    internal comments; meetings nobody outside may see yet (drafted, non-public, internal
    bodies) and unpublished minutes; forum-only topics; private calendar tokens."""
    planted = {}
    internal = Comment.objects.filter(Q(visibility=Visibility.INTERNAL) | Q(is_hidden=True))
    planted["internal_comments"] = internal.count()
    for comment in internal:
        Comment.objects.filter(pk=comment.pk).update(
            body=marker("comment", comment.pk), hidden_reason=marker("hidden", comment.pk)
        )
    CommentRevision.objects.filter(comment__visibility=Visibility.INTERNAL).update(body=marker("revision", 0))
    planted["reports"] = CommentReport.objects.update(reason=marker("report", 0))

    closed = Meeting.objects.filter(
        Q(status=MeetingStatus.DRAFTED) | Q(is_public=False) | Q(body__members_public=False)
    )
    planted["closed_meetings"] = closed.count()
    for meeting in closed:
        Meeting.objects.filter(pk=meeting.pk).update(
            title=marker("meeting", meeting.pk),
            place=marker("place", meeting.pk),
            summary=marker("summary", meeting.pk),
            minutes=marker("minutes", meeting.pk),
        )
        AgendaItem.objects.filter(meeting=meeting).update(
            title=marker("agenda", meeting.pk), description=marker("agenda-note", meeting.pk)
        )
    unpublished = Meeting.objects.exclude(status=MeetingStatus.MINUTES_PUBLISHED).exclude(pk__in=closed)
    planted["unpublished_minutes"] = unpublished.update(minutes=marker("draft-minutes", 0))
    Invitation.objects.update(rsvp_note=marker("rsvp", 0))

    forum_only = ForumTopic.objects.filter(forum_only=True)
    planted["forum_only_topics"] = forum_only.count()
    for topic in forum_only:
        ForumTopic.objects.filter(pk=topic.pk).update(
            title=marker("topic", topic.pk), body=marker("topic-body", topic.pk)
        )
    if not CalendarFeedToken.objects.exists():
        CalendarFeedToken.objects.create(user=User.objects.get(username="forum01"))
    tokens = list(CalendarFeedToken.objects.all())
    planted["feed_tokens"] = len(tokens)
    for token in tokens:
        CalendarFeedToken.objects.filter(pk=token.pk).update(token=marker("token", token.pk))
    return planted


def texts(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":  # XLSX: the strings live in the zipped XML parts
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return body.decode("utf-8", "replace")


HREF = re.compile(r'(?:href|hx-get)="([^"#]+)"')


def crawl(client, start: list[str]) -> dict[str, str]:
    """Every same-site URL reachable from ``start`` (HTML links and API ``next``)."""
    seen: dict[str, str] = {}
    queue = deque(start)
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        # 400: a download link of a deliberately invalid filter (status=draft); never a 500.
        assert response.status_code in (200, 400), (url, response.status_code)
        text = texts(response)
        seen[url] = text
        links = [m.replace("&amp;", "&") for m in HREF.findall(text)]
        if response.get("Content-Type", "").startswith("application/json") and '"next"' in text:
            links += [m.replace("\\/", "/") for m in re.findall(r'"next":\s*"([^"]+)"', text)]
        for link in links:
            parts = urlsplit(urljoin("http://testserver" + url, link))
            if parts.scheme != "http" or parts.netloc != "testserver" or parts.path.startswith(SKIP_PREFIXES):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen:
                queue.append(target)
    return seen


def test_no_internal_field_reaches_any_public_page_feed_export_or_endpoint(client, django_user_model):
    call_command("seed_demo", stdout=io.StringIO())
    planted = plant_markers()
    assert all(planted.values()), planted

    public_ids = list(public_proposals().values_list("pk", flat=True))
    hidden_ids = list(Proposal.objects.exclude(pk__in=public_ids).values_list("pk", flat=True))
    assert public_ids and hidden_ids

    start = [
        "/",
        reverse("portal-proposal-list"),
        reverse("portal-stats"),
        reverse("portal-open-data"),
        reverse("meeting-list"),
        reverse("forum-home"),
        reverse("portal-feed-atom"),
        reverse("portal-feed-rss"),
        "/api/v1/public/proposals/?page_size=20",
        "/api/v1/public/stats/",
        *(reverse("portal-export", args=[fmt]) for fmt in ("csv", "xlsx", "json")),
        *(reverse("portal-proposal-detail", args=[pk]) for pk in public_ids),
        *(f"/api/v1/public/proposals/{pk}/" for pk in public_ids),
        *(f"{reverse('portal-proposal-list')}?status={status}" for status in S.values),
        *(f"{reverse('portal-feed-atom')}?region={code}" for code in ("12", "29", "46", "51")),
    ]
    pages = crawl(client, start)

    leaks = {url: re.findall(PREFIX + r"-[\w-]+", text)[:3] for url, text in pages.items() if PREFIX in text}
    assert not leaks, leaks
    assert len(pages) > 150, len(pages)  # the crawl really went through the site
    assert any(url.startswith("/bodies/") for url in pages)
    assert sum(url.startswith("/meetings/") for url in pages) > 5  # meetings, forum topics, feeds

    # Non-public proposals do not exist for the public, wherever one asks.
    for pk in hidden_ids:
        assert client.get(reverse("portal-proposal-detail", args=[pk])).status_code == 404
        assert client.get(f"/api/v1/public/proposals/{pk}/").status_code == 404
    # Searching for internal text finds nothing (the page echoes the query, the results are empty).
    for kind in ("title", "summary", "reasons", "note", "R0"):
        response = client.get(f"{reverse('portal-proposal-list')}?q={PREFIX}-{kind}", HTTP_HX_REQUEST="true")
        assert "모두 0건" in response.content.decode()
        assert client.get("/api/v1/public/proposals/", {"q": f"{PREFIX}-{kind}"}).json()["count"] == 0

    # The check would see a leak: staff pages do show the planted text.
    tf_lead = django_user_model.objects.get(username="tf-lead")
    client.force_login(tf_lead)
    decided = Proposal.objects.exclude(outcome="").first()
    assert PREFIX in client.get(reverse("proposal-detail", args=[decided.pk])).content.decode()
