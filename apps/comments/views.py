"""Comment threads without reloads: each form posts with htmx and the thread comes back
re-rendered (``_thread_body.html``); without JavaScript the same URLs redirect back to
the target page (or show the thread with the error).

htmx swaps only 2xx answers, so an htmx post that fails validation gets the thread with
the error inside it (200); a plain post gets 400 (429 when rate-limited, 409 on a state
conflict) with the thread page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.htmx import wants_partial
from apps.core.ids import parse_id
from apps.meetings.models import AgendaItem
from apps.meetings.selectors import meeting_get, topic_get
from apps.proposals.models import Proposal

from . import mentions, selectors, services
from .forms import CommentForm, EditForm, ReasonForm
from .links import comment_url, target_url
from .models import TargetKind, Visibility
from .rules import may_view_target
from .templatetags.comment_tags import thread_context


def resolve_target(user, kind: str, pk):
    """The target ``user`` may see, else 404 (never revealing that it exists)."""
    pk = parse_id(pk)
    target = None
    if pk is None:
        raise Http404
    if kind == TargetKind.PROPOSAL:
        target = Proposal.objects.select_related("region").filter(pk=pk).first()
    elif kind == TargetKind.AGENDA:
        target = AgendaItem.objects.select_related("meeting").filter(pk=pk).first()
        if target is not None:
            meeting = meeting_get(user, target.meeting_id)
            if meeting is None:
                raise Http404
            target.meeting = meeting
    elif kind == TargetKind.TOPIC:
        target = topic_get(user, pk)
    if target is None or not may_view_target(user, target):
        raise Http404
    return target


def _thread_response(request, target, *, status=200, form=None, error="", status_message=""):
    context = thread_context(request, target, form=form, error=error, status_message=status_message)
    if wants_partial(request):
        context["oob_status"] = True
        return render(request, "comments/_thread_body.html", context)
    context["target_url"] = target_url(target)
    return render(request, "comments/thread_page.html", context, status=status)


def _done(request, comment, message: str):
    if wants_partial(request):
        return _thread_response(request, comment.target, status_message=message)
    messages.success(request, message)
    return redirect(comment_url(comment))


def _failed(request, target, *, status: int, error: str = "", form=None):
    return _thread_response(request, target, status=status, form=form, error=error)


def thread(request, kind: str, pk: int):
    """GET: the thread (htmx refresh, or its own page). POST: a new comment or reply."""
    target = resolve_target(request.user, kind, pk)
    if request.method != "POST":
        return _thread_response(request, target)
    if not request.user.is_authenticated:
        raise PermissionDenied(_("로그인한 뒤 의견을 남길 수 있습니다."))
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _failed(request, target, status=400, form=form)
    data = form.cleaned_data
    parent = None
    if data.get("parent"):
        parent = selectors.comment_get(request.user, data["parent"])
        if parent is None:
            form.add_error(None, _("답글을 달 댓글을 찾을 수 없습니다."))
            return _failed(request, target, status=400, form=form)
    try:
        comment = services.comment_post(
            target=target, actor=request.user, body=data["body"], visibility=data["visibility"], parent=parent
        )
    except ValidationError as error:
        for field, errors in error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]:
            form.add_error(field if field in form.fields else None, errors)
        return _failed(request, target, status=400, form=form)
    except services.RateLimited as error:
        return _failed(request, target, status=429, form=form, error=str(error))
    except services.CommentConflict as error:
        return _failed(request, target, status=409, form=form, error=str(error))
    return _done(request, comment, _("답글을 등록했습니다.") if parent else _("의견을 등록했습니다."))


def _comment(request, pk) -> object:
    comment = selectors.comment_get(request.user, pk)
    if comment is None:
        raise Http404
    return comment


def _form_error(form) -> str:
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


@login_required
@require_POST
def edit(request, pk: int):
    comment = _comment(request, pk)
    if not request.user.has_perm("comments.change_comment", comment):
        raise PermissionDenied(_("본인이 쓴 댓글만 수정할 수 있습니다."))
    form = EditForm(request.POST)
    if not form.is_valid():
        return _failed(request, comment.target, status=400, error=_form_error(form))
    try:
        comment = services.comment_edit(comment=comment, actor=request.user, body=form.cleaned_data["body"])
    except ValidationError as error:
        return _failed(request, comment.target, status=400, error=" ".join(error.messages))
    except services.RateLimited as error:
        return _failed(request, comment.target, status=429, error=str(error))
    except services.CommentConflict as error:
        return _failed(request, comment.target, status=409, error=str(error))
    return _done(request, comment, _("의견을 수정했습니다."))


@login_required
@require_POST
def report(request, pk: int):
    comment = _comment(request, pk)
    if not request.user.has_perm("comments.report_comment", comment):
        raise PermissionDenied(_("이 댓글을 신고할 수 없습니다."))
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _failed(request, comment.target, status=400, error=_form_error(form))
    try:
        services.comment_report(comment=comment, actor=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        return _failed(request, comment.target, status=400, error=" ".join(error.messages))
    except services.CommentConflict as error:
        return _failed(request, comment.target, status=409, error=str(error))
    return _done(request, comment, _("신고를 접수했습니다. 운영자가 확인합니다."))


@login_required
@require_POST
def hide(request, pk: int):
    comment = _comment(request, pk)
    if not request.user.has_perm("comments.moderate_comment", comment):
        raise PermissionDenied(_("댓글을 숨길 권한이 없습니다."))
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _failed(request, comment.target, status=400, error=_form_error(form))
    try:
        comment = services.comment_hide(comment=comment, actor=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        return _failed(request, comment.target, status=400, error=" ".join(error.messages))
    except services.CommentConflict as error:
        return _failed(request, comment.target, status=409, error=str(error))
    if request.POST.get("from") == "moderation" and not wants_partial(request):
        messages.success(request, _("댓글을 숨겼습니다. 작성자에게 사유를 알렸습니다."))
        return redirect("comment-moderation")
    return _done(request, comment, _("댓글을 숨겼습니다. 작성자에게 사유를 알렸습니다."))


@login_required
@require_POST
def unhide(request, pk: int):
    comment = _comment(request, pk)
    if not request.user.has_perm("comments.moderate_comment", comment):
        raise PermissionDenied(_("댓글을 복원할 권한이 없습니다."))
    try:
        comment = services.comment_unhide(comment=comment, actor=request.user)
    except services.CommentConflict as error:
        return _failed(request, comment.target, status=409, error=str(error))
    if request.POST.get("from") == "moderation" and not wants_partial(request):
        messages.success(request, _("댓글을 다시 보이게 했습니다."))
        return redirect("comment-moderation")
    return _done(request, comment, _("댓글을 다시 보이게 했습니다."))


@login_required
def moderation(request):
    """The moderators' queue: open reports, and what is hidden."""
    if not request.user.has_perm("comments.moderate_comments"):
        raise PermissionDenied(_("댓글 신고를 처리할 권한이 없습니다."))
    reports = list(selectors.open_reports()[:200])
    hidden = list(selectors.hidden_comments()[:50])
    return render(request, "comments/moderation.html", {"reports": reports, "hidden": hidden})


@login_required
@require_POST
def dismiss(request, pk: int):
    if not request.user.has_perm("comments.moderate_comments"):
        raise PermissionDenied(_("댓글 신고를 처리할 권한이 없습니다."))
    found = selectors.open_reports().filter(pk=parse_id(pk) or 0).first()
    if found is None:
        raise Http404
    try:
        services.report_dismiss(report=found, actor=request.user)
    except services.CommentConflict as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("신고를 기각했습니다."))
    return redirect("comment-moderation")


@login_required
def mention_suggestions(request, kind: str, pk: int):
    """htmx: ``<option>``s of the people a comment being written may mention — only those
    who may see it (``mentions.candidates``). Only participants, who may write, ask."""
    target = resolve_target(request.user, kind, pk)
    if not request.user.has_perm("comments.add_comment", target):
        raise Http404
    visibility = request.GET.get("visibility", "")
    visibility = visibility if visibility in Visibility.values else Visibility.INTERNAL
    people = mentions.candidates(request.user, target, visibility, request.GET.get("mention", ""))
    options = [(mentions.token_for(person), person) for person in people]
    return render(request, "comments/_mention_options.html", {"options": options})
