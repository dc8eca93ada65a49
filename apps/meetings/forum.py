"""The forum pages (지역균형발전포럼): topics (의제) with their discussion, tabling a
proposal for the forum, and recommendations (권고).

Topics not marked forum-only, and recommendations on them, are open to everyone; the
discussion under a topic is the forum members' (``meetings.discuss_forumtopic``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.markdown import render_markdown

from . import selectors, services
from .forms import RecommendationForm, TableProposalForm, TopicForm, add_service_error
from .models import AgendaItem, Meeting, MeetingStatus, Recommendation, TopicStatus


def _require(user, permission, obj=None):
    if not user.has_perm(permission, obj):
        raise PermissionDenied(_("이 작업을 할 권한이 없습니다."))


def _topic(request, pk):
    topic = selectors.topic_get(request.user, pk)
    if topic is None:
        raise Http404
    return topic


def _home(request, table_form=None, status=200):
    user = request.user
    topics = list(selectors.topic_list(user))
    recommendations = list(selectors.recommendation_list(user)[:20])
    context = {
        "open_topics": [t for t in topics if t.status == TopicStatus.OPEN],
        "closed_topics": [t for t in topics if t.status == TopicStatus.CLOSED],
        "recommendations": recommendations,
        "may_open": user.has_perm("meetings.add_forumtopic"),
        "may_recommend": user.has_perm("meetings.add_recommendation"),
        "table_form": (table_form or TableProposalForm(user=user)) if user.is_authenticated and _is_tf(user) else None,
        "upcoming": list(selectors.meeting_list(user, {"body": "forum"}).order_by("-starts_at", "-pk")[:5]),
    }
    return render(request, "meetings/forum_home.html", context, status=status)


def _is_tf(user) -> bool:
    from apps.accounts.predicates import is_tf

    return bool(is_tf(user))


def forum_home(request):
    return _home(request)


def topic_detail(request, pk: int):
    user = request.user
    topic = _topic(request, pk)
    proposals = list(topic.proposals.select_related("region").order_by("reference"))
    visible = selectors.visible_proposal_ids(user, [p.pk for p in proposals])
    discussed = list(
        AgendaItem.objects.filter(topic=topic)
        .exclude(meeting__status__in=[MeetingStatus.DRAFTED, MeetingStatus.CANCELLED])
        .filter(meeting__in=Meeting.objects.filter(selectors.meeting_visibility_q(user)).values("pk"))
        .select_related("meeting", "meeting__body")
        .order_by("meeting__starts_at")
    )
    context = {
        "topic": topic,
        "body_html": render_markdown(topic.body),
        "proposals": [p for p in proposals if p.pk in visible],
        "hidden_proposals": len([p for p in proposals if p.pk not in visible]),
        "recommendations": list(
            Recommendation.objects.filter(topic=topic).select_related("meeting").prefetch_related("strategies")
        ),
        "discussed": discussed,
        "may_change": user.has_perm("meetings.change_forumtopic", topic),
        "may_recommend": user.has_perm("meetings.add_recommendation"),
    }
    return render(request, "meetings/topic_detail.html", context)


def _topic_form_page(request, form, topic=None, status=200):
    return render(request, "meetings/topic_form.html", {"form": form, "topic": topic}, status=status)


@login_required
def topic_new(request):
    _require(request.user, "meetings.add_forumtopic")
    form = TopicForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                topic = services.topic_open(
                    actor=request.user,
                    title=data["title"],
                    body=data["body"],
                    forum_only=data["forum_only"],
                    strategies=list(data["strategies"]),
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("의제를 등록했습니다."))
                return redirect("forum-topic-detail", pk=topic.pk)
        return _topic_form_page(request, form, status=400)
    return _topic_form_page(request, form)


@login_required
def topic_edit(request, pk: int):
    topic = _topic(request, pk)
    _require(request.user, "meetings.change_forumtopic", topic)
    form = TopicForm(request.POST or None, instance=topic)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.topic_update(
                    topic=topic,
                    actor=request.user,
                    title=data["title"],
                    body=data["body"],
                    forum_only=data["forum_only"],
                    strategies=list(data["strategies"]),
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("의제를 수정했습니다."))
                return redirect("forum-topic-detail", pk=pk)
        return _topic_form_page(request, form, topic, status=400)
    return _topic_form_page(request, form, topic)


@login_required
@require_POST
def topic_status(request, pk: int):
    topic = _topic(request, pk)
    _require(request.user, "meetings.change_forumtopic", topic)
    status = request.POST.get("status", "")
    if status not in TopicStatus.values:
        messages.error(request, _("알 수 없는 상태입니다."))
        return redirect("forum-topic-detail", pk=pk)
    services.topic_set_status(topic=topic, actor=request.user, status=status)
    messages.success(request, _("의제 상태를 바꿨습니다: %(status)s") % {"status": TopicStatus(status).label})
    return redirect("forum-topic-detail", pk=pk)


@login_required
@require_POST
def proposal_table(request):
    """The TF tables a proposal for the forum (e.g. one that needs other ministries)."""
    if not _is_tf(request.user):
        raise PermissionDenied(_("건의과제를 포럼에 부의할 권한이 없습니다."))
    form = TableProposalForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            topic = services.proposal_table(
                proposal=data["proposal"], actor=request.user, reason=data["reason"], forum_only=data["forum_only"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("건의과제를 포럼 의제로 부의했습니다."))
            return redirect("forum-topic-detail", pk=topic.pk)
    return _home(request, table_form=form, status=400)


@login_required
def recommendation_new(request):
    _require(request.user, "meetings.add_recommendation")
    initial = {}
    topic_id = request.GET.get("topic", "")
    if topic_id.isdigit() and selectors.topic_get(request.user, topic_id):
        initial["topic"] = int(topic_id)
    form = RecommendationForm(request.POST or None, user=request.user, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                recommendation = services.recommendation_record(
                    actor=request.user,
                    title=data["title"],
                    body=data["body"],
                    adopted_on=data["adopted_on"],
                    topic=data.get("topic"),
                    meeting=data.get("meeting"),
                    proposals=data["proposal_objects"],
                    strategies=list(data["strategies"]),
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("권고를 기록했습니다. 관련 건의과제의 처리 이력에도 남겼습니다."))
                if recommendation.topic_id:
                    return redirect(reverse("forum-topic-detail", args=[recommendation.topic_id]) + "#recommendations")
                return redirect(reverse("forum-home") + f"#recommendation-{recommendation.pk}")
        status = 400
    return render(request, "meetings/recommendation_form.html", {"form": form}, status=status)
