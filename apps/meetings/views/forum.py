"""The forum pages (지역균형발전포럼): topics (의제) with their discussion, tabling a
proposal for the forum, and recommendations (권고).

Topics not marked forum-only, and recommendations on them, are open to everyone; the
discussion under a topic is the forum members' (``meetings.discuss_forumtopic``).
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from apps.core.actions import run_action
from apps.core.ids import parse_id
from apps.core.markdown import render_markdown

from .. import selectors, services
from ..forms import RecommendationForm, TableProposalForm, TopicForm
from ..models import ForumTopic, TopicStatus
from .common import visible_object_required


def _topic(request, pk) -> ForumTopic:
    topic = selectors.topic_get(request.user, pk)
    if topic is None:
        raise Http404
    return topic


def _home(request, table_form=None, status=200):
    user = request.user
    topics = list(selectors.topic_list(user))
    recommendations = list(selectors.recommendation_list(user)[:20])
    may_table = user.has_perm("meetings.table_proposal")
    context = {
        "open_topics": [t for t in topics if t.status == TopicStatus.OPEN],
        "closed_topics": [t for t in topics if t.status == TopicStatus.CLOSED],
        "recommendations": recommendations,
        "may_open": user.has_perm("meetings.add_forumtopic"),
        "may_recommend": user.has_perm("meetings.add_recommendation"),
        "table_form": (table_form or TableProposalForm(user=user)) if may_table else None,
        "upcoming": list(selectors.meeting_list(user, {"body": "forum"}).order_by("-starts_at", "-pk")[:5]),
    }
    return render(request, "meetings/forum_home.html", context, status=status)


def forum_home(request):
    return _home(request)


def topic_detail(request, pk: int):
    user = request.user
    topic = _topic(request, pk)
    proposals = list(topic.proposals.select_related("region").order_by("reference"))
    visible = selectors.visible_proposal_ids(user, [p.pk for p in proposals])
    context = {
        "topic": topic,
        "body_html": render_markdown(topic.body),
        "proposals": [p for p in proposals if p.pk in visible],
        "hidden_proposals": len([p for p in proposals if p.pk not in visible]),
        "recommendations": selectors.topic_recommendations(topic),
        "discussed": selectors.topic_meetings(user, topic),
        "may_change": user.has_perm("meetings.change_forumtopic", topic),
        "may_recommend": user.has_perm("meetings.add_recommendation"),
    }
    return render(request, "meetings/topic_detail.html", context)


def _topic_form_page(request, form, topic=None, status=200):
    return render(request, "meetings/topic_form.html", {"form": form, "topic": topic}, status=status)


def _topic_fields(data) -> dict:
    return {
        "title": data["title"],
        "body": data["body"],
        "forum_only": data["forum_only"],
        "strategies": list(data["strategies"]),
    }


def _topic_page(topic) -> str:
    return reverse("forum-topic-detail", args=[topic.pk])


@login_required
@permission_required("meetings.add_forumtopic", raise_exception=True)
def topic_new(request):
    form = TopicForm(request.POST or None)
    if request.method != "POST":
        return _topic_form_page(request, form)
    return run_action(
        request,
        lambda data: services.topic_open(actor=request.user, **_topic_fields(data)),
        form=form,
        done=_("의제를 등록했습니다."),
        next_url=_topic_page,
        invalid=lambda bound: _topic_form_page(request, bound, status=400),
    )


@login_required
@visible_object_required(_topic, "meetings.change_forumtopic")
def topic_edit(request, topic):
    form = TopicForm(request.POST or None, instance=topic)
    if request.method != "POST":
        return _topic_form_page(request, form, topic)
    return run_action(
        request,
        lambda data: services.topic_update(topic=topic, actor=request.user, **_topic_fields(data)),
        form=form,
        done=_("의제를 수정했습니다."),
        next_url=_topic_page,
        invalid=lambda bound: _topic_form_page(request, bound, topic, status=400),
    )


@login_required
@require_POST
@visible_object_required(_topic, "meetings.change_forumtopic")
def topic_status(request, topic):
    back = _topic_page(topic)
    return run_action(
        request,
        lambda data: services.topic_set_status(topic=topic, actor=request.user, status=request.POST.get("status", "")),
        done=lambda changed: _("의제 상태를 바꿨습니다: %(status)s") % {"status": changed.get_status_display()},
        next_url=back,
        invalid=lambda bound: redirect(back),
    )


@login_required
@require_POST
@permission_required("meetings.table_proposal", raise_exception=True)
def proposal_table(request):
    """The TF tables a proposal for the forum (e.g. one that needs other ministries)."""
    return run_action(
        request,
        lambda data: services.proposal_table(
            proposal=data["proposal"], actor=request.user, reason=data["reason"], forum_only=data["forum_only"]
        ),
        form=TableProposalForm(request.POST, user=request.user),
        done=_("건의과제를 포럼 의제로 부의했습니다."),
        next_url=_topic_page,
        invalid=lambda bound: _home(request, table_form=bound, status=400),
    )


def _recommendation_page(recommendation) -> str:
    if recommendation.topic_id:
        return reverse("forum-topic-detail", args=[recommendation.topic_id]) + "#recommendations"
    return reverse("forum-home") + f"#recommendation-{recommendation.pk}"


@login_required
@permission_required("meetings.add_recommendation", raise_exception=True)
def recommendation_new(request):
    initial = {}
    topic_id = parse_id(request.GET.get("topic"))
    if topic_id is not None and selectors.topic_get(request.user, topic_id):
        initial["topic"] = topic_id
    form = RecommendationForm(request.POST or None, user=request.user, initial=initial)

    def page(bound, status=200):
        return render(request, "meetings/recommendation_form.html", {"form": bound}, status=status)

    if request.method != "POST":
        return page(form)
    return run_action(
        request,
        lambda data: services.recommendation_record(
            actor=request.user,
            title=data["title"],
            body=data["body"],
            adopted_on=data["adopted_on"],
            topic=data.get("topic"),
            meeting=data.get("meeting"),
            proposals=data["proposal_objects"],
            strategies=list(data["strategies"]),
        ),
        form=form,
        done=_("권고를 기록했습니다. 관련 건의과제의 처리 이력에도 남겼습니다."),
        next_url=_recommendation_page,
        invalid=lambda bound: page(bound, status=400),
    )
