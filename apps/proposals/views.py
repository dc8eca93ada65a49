"""The proposal pages (DESIGN.md §2–3): queues per role, the proposal page with its
timeline and one form per action the person may fire, and the submission form.

Reads go through ``selectors`` (scoped to the viewer, rows preloaded); writes through
``services``. Each queue serves the full page or, to htmx, only its results
(``_list.html``). What a person may not see answers 404; a page their role may not use,
403; a click on a page someone else changed meanwhile, 409.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, Q
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_POST

from apps.accounts.models import Role
from apps.accounts.selectors import user_department_ids, user_organisation_ids, user_region_scope_ids, user_roles
from apps.organisations.models import PartnerOrganisation

from . import selectors
from .attachments import attachment_add
from .forms import (
    ACTION_DONE,
    ACTION_LABELS,
    BulkActionForm,
    ConsultationAnswerForm,
    ConsultationRequestForm,
    ProposalFilterForm,
    ProposalForm,
    action_form,
)
from .models import Consultation, Outcome, Proposal, ProposalStatus
from .services import (
    ACTIONS,
    EDITABLE_FIELDS,
    TransitionConflict,
    available_actions,
    consultation_request,
    consultation_respond,
    proposal_create,
    proposal_fire,
    proposal_update,
)
from .workload import department_workload

PAGE_SIZE = 20
CONFLICT_MESSAGE = gettext_lazy("다른 사용자가 먼저 처리했습니다. 아래의 최신 상태를 확인한 뒤 다시 시도해 주세요.")

REGION_ROLES = frozenset({Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR, Role.LIAISON})
AUTHOR_ROLES = frozenset({Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR})
TRIAGE_ROLES = frozenset({Role.TF_STAFF, Role.TF_LEAD, Role.ADMIN})
WORKLOAD_ROLES = TRIAGE_ROLES | {Role.DEPT_REVIEWER}
CONSULTED_ROLES = frozenset({Role.ADVISOR, Role.INSTITUTION})
# Roles that see at least some proposals (the others work through consultations or the forum).
PROPOSAL_ROLES = REGION_ROLES | TRIAGE_ROLES | {Role.DEPT_REVIEWER, Role.REGIONAL_OFFICE}

# Notes of these events are another body's internal record: the region sees that they
# happened, not what was written (DESIGN.md §2).
INTERNAL_NOTE_ACTIONS = frozenset(
    {"assign", "reassign", "start_review", "decline", "decide", "consult", "consultation_answered"}
)
INTERNAL_PAYLOAD_KEYS = frozenset({"declined_by", "organisation", "consultation"})

STATUS_BADGES = {
    ProposalStatus.DRAFT: "outline-gray",
    ProposalStatus.AWAITING_ENDORSEMENT: "outline-warning",
    ProposalStatus.SUBMITTED: "outline-primary",
    ProposalStatus.INFO_REQUESTED: "outline-warning",
    ProposalStatus.ASSIGNED: "outline-information",
    ProposalStatus.IN_REVIEW: "outline-information",
    ProposalStatus.DECIDED: "outline-success",
    ProposalStatus.IN_PROGRESS: "outline-primary",
    ProposalStatus.COMPLETED: "outline-success",
    ProposalStatus.REFERRED: "outline-secondary",
    ProposalStatus.MERGED: "outline-secondary",
    ProposalStatus.WITHDRAWN: "outline-gray",
    ProposalStatus.RECONSIDERATION: "outline-danger",
}

PAYLOAD_LABELS = {
    "cluster_title": gettext_lazy("공통건의"),
    "lead_department": gettext_lazy("주관부서"),
    "previous_lead_department": gettext_lazy("이전 주관부서"),
    "support_departments": gettext_lazy("협조부서"),
    "due_at": gettext_lazy("처리기한"),
    "previous_due_at": gettext_lazy("이전 처리기한"),
    "outcome": gettext_lazy("검토결과"),
    "decision_summary": gettext_lazy("검토결과 요지"),
    "planned_for": gettext_lazy("추진 예정일"),
    "rereview_at": gettext_lazy("재검토 예정일"),
    "ministry": gettext_lazy("이관 부처"),
    "into_reference": gettext_lazy("병합 대상"),
    "progress": gettext_lazy("추진률(%)"),
    "milestone": gettext_lazy("추진 내용"),
    "paused_business_days": gettext_lazy("보완 대기(영업일)"),
    "declined_by": gettext_lazy("반송 부서"),
    "organisation": gettext_lazy("자문기관"),
    "fields": gettext_lazy("수정 항목"),
    "name": gettext_lazy("파일"),
}


# --- who may use which page -------------------------------------------------------


def _roles(user) -> frozenset[str]:
    roles = user_roles(user)
    return roles | {Role.ADMIN} if user.is_superuser else roles


def _require_role(user, allowed: frozenset[str]):
    if not _roles(user) & allowed:
        raise PermissionDenied(_("이 페이지를 이용할 권한이 없습니다."))


def queue_links(user) -> list[tuple[str, str]]:
    """The proposal pages this person's roles use, as (url name, Korean label)."""
    if not user.is_authenticated:
        return []
    roles = _roles(user)
    links = []
    if roles & PROPOSAL_ROLES:
        links.append(("proposal-list", pgettext("menu", "건의과제")))
    if roles & REGION_ROLES:
        links.append(("proposal-mine", _("우리 지역 과제")))
    if Role.VICE_GOVERNOR in roles:
        links.append(("proposal-endorsements", _("부지사 확인")))
    if roles & TRIAGE_ROLES:
        links.append(("proposal-triage", _("분류·배정")))
    if Role.DEPT_REVIEWER in roles:
        links.append(("proposal-inbox", _("부서 검토함")))
    if roles & WORKLOAD_ROLES:
        links.append(("proposal-workload", _("부서별 처리 현황")))
    if roles & CONSULTED_ROLES:
        links.append(("consultation-list", _("받은 자문")))
    if roles & {Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR}:
        links.append(("exchange-import-list", _("엑셀로 가져오기")))
    if roles & TRIAGE_ROLES:
        links.append(("similarity-cluster-list", _("공통건의")))
    return links


def status_badge_class(status: str) -> str:
    return STATUS_BADGES.get(status, "outline-gray")


# --- lists --------------------------------------------------------------------------


def _filters(params: QueryDict, defaults: dict | None = None) -> QueryDict:
    """The query string without empty values and the page number, plus ``defaults``
    for keys the person did not send at all (a sent empty value means "all")."""
    cleaned = QueryDict(mutable=True)
    for key in params:
        if key == "page":
            continue
        values = [value for value in params.getlist(key) if value.strip()]
        if values:
            cleaned.setlist(key, values)
    for key, value in (defaults or {}).items():
        if key not in params:
            cleaned.setlist(key, value if isinstance(value, list) else [value])
    return cleaned


def _wants_partial(request) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def _render_queue(request, queryset, *, filters: QueryDict, context: dict, template="proposals/proposal_list.html"):
    paginator = Paginator(queryset, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "proposals": page.object_list,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "filter_form": ProposalFilterForm(initial={**filters.dict(), "overdue": filters.get("overdue") == "true"}),
        "results_url": request.path,
        **context,
    }
    if _wants_partial(request):
        template = "proposals/_list.html"
    response = render(request, template, context)
    # The same URL answers with a page or a fragment: caches must keep them apart.
    patch_vary_headers(response, ("HX-Request",))
    return response


def _ordered(queryset):
    return queryset.order_by(F("submitted_at").desc(nulls_first=True), "-created_at", "-pk")


@login_required
def proposal_list(request):
    """Every proposal the person may see, with filters."""
    filters = _filters(request.GET)
    queryset = _ordered(selectors.proposal_list(request.user, filters))
    context = {
        "page_title": pgettext("menu", "건의과제"),
        "lead": _("볼 수 있는 모든 건의과제입니다. 조건을 바꾸면 목록이 바로 갱신됩니다."),
    }
    return _render_queue(request, queryset, filters=filters, context=context)


@login_required
def proposal_mine(request):
    """The proposals of the person's own region(s), drafts included."""
    _require_role(request.user, REGION_ROLES)
    filters = _filters(request.GET)
    regions = user_region_scope_ids(request.user)
    queryset = _ordered(selectors.proposal_list(request.user, filters).filter(region_id__in=regions))
    context = {
        "page_title": _("우리 지역 과제"),
        "lead": _("우리 지역이 작성하고 제출한 건의과제입니다. 작성중인 과제는 우리 지역 담당자만 볼 수 있습니다."),
        "can_create": bool(_roles(request.user) & AUTHOR_ROLES),
        "hide_region_filter": True,
    }
    return _render_queue(request, queryset, filters=filters, context=context)


@login_required
def proposal_endorsements(request):
    """The vice-governor's queue: proposals of their region awaiting endorsement."""
    _require_role(request.user, {Role.VICE_GOVERNOR})
    filters = _filters(request.GET)
    regions = user_region_scope_ids(request.user, Role.VICE_GOVERNOR)
    queryset = (
        selectors.proposal_list(request.user, filters)
        .filter(region_id__in=regions, status=ProposalStatus.AWAITING_ENDORSEMENT)
        .order_by("updated_at", "pk")
    )
    context = {
        "page_title": _("부지사 확인"),
        "lead": _(
            "담당 공무원이 제출해 부지사 확인을 기다리는 건의과제입니다. 확인하면 국토교통부에 접수되고, "
            "반려하려면 과제를 열어 사유를 적어 주세요."
        ),
        "endorse_inline": True,
        "hide_status_filter": True,
        "hide_region_filter": True,
    }
    return _render_queue(request, queryset, filters=filters, context=context)


@login_required
def proposal_triage(request):
    """The TF's queue: submitted proposals (by default), counts per state, bulk actions."""
    _require_role(request.user, TRIAGE_ROLES)
    if request.method == "POST":
        return _triage_bulk(request)
    return _render_triage(request)


def _render_triage(request, bulk_form=None, status=200):
    user = request.user
    filters = _filters(request.GET, defaults={"status": [ProposalStatus.SUBMITTED]})
    queryset = _ordered(selectors.proposal_list(user, filters))
    counts = dict(
        Proposal.objects.filter(selectors.visibility_q(user))
        .values_list("status")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    context = {
        "page_title": _("분류·배정"),
        "lead": _(
            "접수된 건의과제를 소관부서에 배정하거나 다른 부처로 이관하고, 중복 과제를 병합합니다. "
            "여러 과제를 골라 한 번에 처리할 수 있습니다."
        ),
        "selectable": True,
        "status_counts": [
            {"value": value, "label": label, "count": counts.get(value, 0)}
            for value, label in ProposalStatus.choices
            if counts.get(value) or value not in (ProposalStatus.DRAFT, ProposalStatus.AWAITING_ENDORSEMENT)
        ],
        "bulk_form": bulk_form or BulkActionForm(user=user),
        "checked_ids": set(bulk_form.cleaned_data.get("ids", [])) if bulk_form is not None else set(),
    }
    response = _render_queue(request, queryset, filters=filters, context=context, template="proposals/triage.html")
    response.status_code = status
    return response


def _triage_bulk(request):
    user = request.user
    posted = [value for value in request.POST.getlist("ids") if value.isdigit()]
    form = BulkActionForm(request.POST, user=user, row_ids=[int(value) for value in posted])
    if not form.is_valid():
        return _render_triage(request, bulk_form=form, status=400)
    action = form.cleaned_data["bulk_action"]
    fields = form.service_fields()
    done, failed = [], []
    for pk in form.cleaned_data["ids"]:
        proposal = selectors.proposal_get(user, pk)
        if proposal is None:
            failed.append((f"#{pk}", _("건의과제를 찾을 수 없습니다.")))
            continue
        try:
            proposal_fire(proposal=proposal, actor=user, action=action, **fields)
        except ValidationError as error:
            failed.append((proposal.reference, " ".join(error.messages)))
        except (TransitionConflict, PermissionDenied) as error:
            failed.append((proposal.reference, str(error) or _("이 작업을 할 권한이 없습니다.")))
        except Http404:
            failed.append((proposal.reference, _("건의과제를 찾을 수 없습니다.")))
        else:
            done.append(proposal.reference)
    label = ACTION_LABELS[action]
    if done:
        messages.success(
            request,
            _("%(action)s 완료 %(count)d건: %(references)s")
            % {"action": label, "count": len(done), "references": ", ".join(done)},
        )
    for reference, reason in failed:
        messages.error(
            request,
            _("%(action)s 실패 %(reference)s: %(reason)s")
            % {"action": label, "reference": reference, "reason": reason},
        )
    query = request.GET.urlencode()
    return redirect(f"{reverse('proposal-triage')}{'?' + query if query else ''}")


@login_required
def proposal_inbox(request):
    """A reviewer's inbox: their department's proposals (lead or support), due first."""
    _require_role(request.user, {Role.DEPT_REVIEWER})
    departments = user_department_ids(request.user)
    filters = _filters(request.GET)
    queryset = selectors.proposal_list(request.user, filters).filter(
        Q(lead_department_id__in=departments) | Q(support_departments__in=departments)
    )
    if "status" not in filters:
        # What still needs the department: reviews, and accepted items to follow up.
        queryset = queryset.filter(
            Q(status__in=[ProposalStatus.ASSIGNED, ProposalStatus.IN_REVIEW, ProposalStatus.IN_PROGRESS])
            | Q(status=ProposalStatus.DECIDED, outcome__in=[Outcome.ACCEPTED, Outcome.PARTIALLY_ACCEPTED])
        )
    queryset = queryset.distinct().order_by(F("due_at").asc(nulls_last=True), "pk")
    context = {
        "page_title": _("부서 검토함"),
        "lead": _(
            "우리 부서가 주관하거나 협조하는 건의과제입니다. 처리기한이 빠른 순서이며, 기한이 지난 과제는 "
            "‘기한 초과’로 표시합니다. 상태를 고르지 않으면 처리할 일이 남은 과제만 보입니다."
        ),
        "department_ids": departments,
        "show_department_role": True,
    }
    return _render_queue(request, queryset, filters=filters, context=context)


@login_required
def proposal_workload(request):
    """Per department: proposals waiting, overdue, and the median days to decide."""
    _require_role(request.user, WORKLOAD_ROLES)
    rows = list(department_workload(request.user))
    return render(request, "proposals/workload.html", {"rows": rows})


# --- one proposal -------------------------------------------------------------------


def _visible(user, pk) -> Proposal:
    proposal = selectors.proposal_get(user, pk)
    if proposal is None:
        raise Http404
    return proposal


def _field_label(name: str) -> str:
    try:
        return str(Proposal._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _payload_value(key, value, organisations: dict):
    if key == "outcome" and value in Outcome.values:
        return Outcome(value).label
    if key == "organisation":
        return organisations.get(value, value)
    if key == "fields":
        return ", ".join(_field_label(name) for name in value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return value


def _timeline(proposal, show_internal: bool) -> list[dict]:
    events = list(selectors.proposal_events(proposal))
    organisations = {}
    if show_internal and any("organisation" in event.payload for event in events):
        organisations = dict(PartnerOrganisation.objects.values_list("code", "name"))
    rows = []
    for event in events:
        internal = event.action in INTERNAL_NOTE_ACTIONS and not show_internal
        details = []
        for key, value in event.payload.items():
            if key not in PAYLOAD_LABELS or (key in INTERNAL_PAYLOAD_KEYS and not show_internal):
                continue
            # A consultation's date is the reply deadline, not the proposal's.
            label = _("회신 기한") if (event.action, key) == ("consult", "due_at") else PAYLOAD_LABELS[key]
            details.append((label, _payload_value(key, value, organisations)))
        rows.append(
            {
                "event": event,
                "label": ACTION_LABELS.get(event.action, event.action),
                "details": details,
                "note": "" if internal else event.note,
                "note_hidden": internal and bool(event.note),
            }
        )
    return rows


def _detail_context(request, proposal, *, bound_form=None, consult_form=None, upload_error=None) -> dict:
    user = request.user
    forms = []
    for name in available_actions(user, proposal):
        if bound_form is not None and bound_form.action == name:
            forms.append(bound_form)
        else:
            forms.append(action_form(name, proposal=proposal, user=user))
    show_internal = user.has_perm("proposals.view_internal_notes", proposal)
    may_consult = user.has_perm("proposals.consult_proposal", proposal) and proposal.status in (
        ProposalStatus.ASSIGNED,
        ProposalStatus.IN_REVIEW,
    )
    return {
        "proposal": proposal,
        "action_forms": forms,
        "open_action": bound_form.action if bound_form is not None else "",
        "can_edit": user.has_perm("proposals.change_proposal", proposal)
        and proposal.status in (ProposalStatus.DRAFT, ProposalStatus.INFO_REQUESTED),
        "show_internal": show_internal,
        "timeline": _timeline(proposal, show_internal),
        "consultations": list(
            proposal.consultations.select_related("organisation", "requested_by", "answered_by").order_by("created_at")
        )
        if show_internal
        else [],
        "consult_form": (consult_form or ConsultationRequestForm()) if may_consult else None,
        "attachments": list(proposal.attachments.select_related("uploaded_by")),
        "may_attach": user.has_perm("proposals.attach_proposal", proposal),
        "upload_error": upload_error,
        "merged_from": list(
            selectors.proposal_list(user)
            .prefetch_related(None)
            .filter(merged_into=proposal)
            .values("pk", "reference", "title")
        ),
        "badge_class": status_badge_class(proposal.status),
    }


def _render_detail(request, proposal, status=200, **kwargs):
    return render(
        request, "proposals/proposal_detail.html", _detail_context(request, proposal, **kwargs), status=status
    )


@login_required
def proposal_detail(request, pk: int):
    return _render_detail(request, _visible(request.user, pk))


def _conflict(request, pk, error=None):
    """409 with the refreshed page and why: someone else acted first."""
    proposal = _visible(request.user, pk)
    message = str(CONFLICT_MESSAGE)
    if error is not None and str(error):
        message = f"{message} ({error})"
    messages.error(request, message)
    return _render_detail(request, proposal, status=409)


def _next_url(request) -> str | None:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return None


@login_required
@require_POST
def proposal_action(request, pk: int, action: str):
    """Fire one action from its form; PRG with a message, or the page again with errors."""
    if action not in ACTIONS:
        raise Http404
    user = request.user
    proposal = _visible(user, pk)
    if not user.has_perm(f"proposals.{action}_proposal", proposal):
        raise PermissionDenied(_("이 작업을 할 권한이 없습니다."))
    form = action_form(action, proposal=proposal, user=user, data=request.POST)
    if not form.is_valid():
        return _render_detail(request, proposal, bound_form=form, status=400)
    try:
        proposal_fire(
            proposal=proposal,
            actor=user,
            action=action,
            expected_status=request.POST.get("seen_status") or None,
            **form.service_fields(),
        )
    except ValidationError as error:
        form.add_service_error(error)
        return _render_detail(request, proposal, bound_form=form, status=400)
    except TransitionConflict as error:
        return _conflict(request, pk, error)
    messages.success(request, ACTION_DONE[action])
    return redirect(_next_url(request) or reverse("proposal-detail", args=[pk]))


@login_required
@require_POST
def proposal_consult(request, pk: int):
    """A reviewer asks a partner organisation about the proposal."""
    user = request.user
    proposal = _visible(user, pk)
    if not user.has_perm("proposals.consult_proposal", proposal):
        raise PermissionDenied(_("이 작업을 할 권한이 없습니다."))
    form = ConsultationRequestForm(request.POST)
    if form.is_valid():
        organisation = PartnerOrganisation.objects.filter(code=form.cleaned_data["organisation"]).first()
        try:
            consultation_request(
                proposal=proposal,
                actor=user,
                organisation=organisation,
                question=form.cleaned_data["question"],
                due_at=form.cleaned_data["due_at"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        except TransitionConflict as error:
            return _conflict(request, pk, error)
        else:
            messages.success(request, _("%(organisation)s에 자문을 요청했습니다.") % {"organisation": organisation})
            return redirect(reverse("proposal-detail", args=[pk]) + "#consultations-title")
    return _render_detail(request, proposal, consult_form=form, status=400)


@login_required
@require_POST
def proposal_attach(request, pk: int):
    """Add a file to the proposal (the attachments service checks type and size)."""
    user = request.user
    proposal = _visible(user, pk)
    if not user.has_perm("proposals.attach_proposal", proposal):
        raise PermissionDenied(_("이 작업을 할 권한이 없습니다."))
    upload = request.FILES.get("file")
    if upload is None:
        return _render_detail(request, proposal, upload_error=_("첨부할 파일을 선택해 주세요."), status=400)
    try:
        attachment_add(proposal=proposal, actor=user, upload=upload)
    except ValidationError as error:
        return _render_detail(request, proposal, upload_error=" ".join(error.messages), status=400)
    messages.success(request, _("첨부파일을 등록했습니다."))
    return redirect(reverse("proposal-detail", args=[pk]) + "#attachments-title")


# --- create and edit ----------------------------------------------------------------


def _save_and_maybe_submit(request, form, proposal=None):
    """Save the draft through the services; with 제출, submit it in the same transaction."""
    data = form.cleaned_data
    fields = {name: data[name] for name in EDITABLE_FIELDS if name in data}
    submit = request.POST.get("intent") == "submit"
    with transaction.atomic():
        if proposal is None:
            proposal = proposal_create(
                actor=request.user, region=data["region"], strategies=data["strategies"], **fields
            )
        else:
            proposal = proposal_update(proposal=proposal, actor=request.user, strategies=data["strategies"], **fields)
        if submit:
            action = "resubmit" if proposal.status == ProposalStatus.INFO_REQUESTED else "submit"
            proposal = proposal_fire(proposal=proposal, actor=request.user, action=action)
    if not submit:
        messages.success(request, _("임시저장했습니다. 제출하기 전까지 우리 지역 담당자만 볼 수 있습니다."))
    elif proposal.status == ProposalStatus.AWAITING_ENDORSEMENT:
        messages.success(request, ACTION_DONE["submit"])
    else:
        messages.success(request, ACTION_DONE["resubmit"])
    return proposal


def _proposal_form_page(request, form, proposal=None):
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save_and_maybe_submit(request, form, proposal)
        except ValidationError as error:
            form.add_service_error(error)
        except TransitionConflict as error:
            form.add_error(None, str(error))
        else:
            return redirect("proposal-detail", pk=saved.pk)
    status = 400 if form.errors else 200
    return render(request, "proposals/proposal_form.html", {"form": form, "proposal": proposal}, status=status)


@login_required
def proposal_new(request):
    if not request.user.has_perm("proposals.add_proposal"):
        raise PermissionDenied(_("건의과제를 작성할 권한이 없습니다."))
    form = ProposalForm(request.POST or None, user=request.user)
    if not form.fields["region"].queryset.exists():
        raise PermissionDenied(_("건의과제를 작성할 수 있는 지역이 없습니다."))
    return _proposal_form_page(request, form)


@login_required
def proposal_edit(request, pk: int):
    proposal = _visible(request.user, pk)
    if not request.user.has_perm("proposals.change_proposal", proposal):
        raise PermissionDenied(_("이 건의과제를 수정할 권한이 없습니다."))
    if proposal.status not in (ProposalStatus.DRAFT, ProposalStatus.INFO_REQUESTED):
        messages.info(request, _("작성중이거나 보완요청 상태인 건의과제만 수정할 수 있습니다."))
        return redirect("proposal-detail", pk=pk)
    form = ProposalForm(request.POST or None, instance=proposal, user=request.user)
    return _proposal_form_page(request, form, proposal)


# --- consultations for the consulted organisations -----------------------------------


def _consulted_list(request, answer_form=None, status=200):
    organisations = user_organisation_ids(request.user)
    consultations = list(
        selectors.consultations_for(request.user)
        .filter(organisation_id__in=organisations)
        .order_by(F("answered_at").desc(nulls_first=True), "due_at", "pk")
    )
    forms = {}
    for consultation in consultations:
        if consultation.state == Consultation.State.OPEN:
            if answer_form is not None and answer_form.consultation_id == consultation.pk:
                forms[consultation.pk] = answer_form
            else:
                forms[consultation.pk] = ConsultationAnswerForm(consultation=consultation)
    rows = [{"consultation": c, "form": forms.get(c.pk)} for c in consultations]
    return render(request, "proposals/consultations.html", {"rows": rows}, status=status)


@login_required
def consultation_list(request):
    """What the person's organisation was asked, with a reply form for open questions."""
    _require_role(request.user, CONSULTED_ROLES)
    return _consulted_list(request)


@login_required
@require_POST
def consultation_answer(request, pk: int):
    _require_role(request.user, CONSULTED_ROLES)
    consultation = selectors.consultations_for(request.user).filter(pk=pk).first()
    if consultation is None or not request.user.has_perm("proposals.respond_consultation", consultation):
        raise Http404
    form = ConsultationAnswerForm(request.POST, consultation=consultation)
    form.consultation_id = consultation.pk
    if form.is_valid():
        try:
            consultation_respond(consultation=consultation, actor=request.user, answer=form.cleaned_data["answer"])
        except ValidationError as error:
            form.add_service_error(error)
        except TransitionConflict as error:
            messages.error(request, str(error))
            return _consulted_list(request, status=409)
        else:
            messages.success(request, _("회신을 등록했습니다."))
            return redirect("consultation-list")
    return _consulted_list(request, answer_form=form, status=400)
