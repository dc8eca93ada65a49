"""Similar proposals on the pages, and the cluster (공통건의) pages.

- ``draft_similar``: the proposal form posts the title, summary and requested action as
  they are typed (htmx, debounced) and gets back the likely duplicates (fragment).
- ``proposal_panel``: the proposal page loads its panel (htmx): the cluster the proposal
  belongs to, for everyone who sees the proposal; likely duplicates across regions and
  grouping into a cluster, for the TF.
- ``triage_panel``: the TF triage queue loads groups of likely duplicates (htmx).
- clusters: list, page with the members and the actions every member can take, create,
  add, remove, dissolve, and fire an action on all members at once.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.core.hangul import with_particle
from apps.core.htmx import wants_partial
from apps.core.ids import parse_id
from apps.core.querystrings import list_filters
from apps.core.text import clean_text
from apps.proposals import selectors as proposal_selectors
from apps.proposals.action_forms import action_form
from apps.proposals.models import Proposal, ProposalStatus
from apps.proposals.registry import FIREABLE

from . import selectors, services
from .forms import ClusterAddForm, ClusterCreateForm
from .services import ClusterConflict
from .tasks import draft_key_terms

TEXT_LIMIT = 4000  # characters of each field compared while drafting
CLUSTERS_PER_PAGE = 20


def _match_rows(matches):
    rows = []
    for match in matches:
        url = reverse("proposal-detail", args=[match.proposal.pk]) if match.visible else _public_url(match.proposal)
        rows.append({"match": match, "url": url})
    return rows


def _public_url(proposal) -> str:
    try:
        return reverse("portal-proposal-detail", args=[proposal.pk])
    except NoReverseMatch:
        return ""


def _require_tf(user):
    if not user.has_perm("similarity.manage_cluster"):
        raise PermissionDenied(_("기획단 TF만 이용할 수 있습니다."))


# --- fragments ------------------------------------------------------------------------


@login_required
@require_POST
def draft_similar(request):
    """Likely duplicates of the draft being typed, among what the person may see and the
    public proposals of every region."""
    data = request.POST
    # Half-typed text, read by no form: control characters are dropped (the text policy;
    # PostgreSQL refuses NUL), the form refuses them when the draft is saved.
    title = clean_text(data.get("title", ""))[:TEXT_LIMIT]
    summary = clean_text(data.get("summary", ""))[:TEXT_LIMIT]
    requested_action = clean_text(data.get("requested_action", ""))[:TEXT_LIMIT]
    editing = parse_id(data.get("proposal", ""))
    exclude = [editing] if editing is not None else []
    matches = []
    if title.strip() or summary.strip():
        weights = draft_key_terms(title=title, summary=summary, requested_action=requested_action)
        matches = selectors.rank(request.user, weights, title=title, exclude_ids=exclude)
    context = {
        "rows": _match_rows(matches),
        "typed": bool(title.strip() or summary.strip()),
        # Say "the same request" only when the best match is as close as a 공통건의 group's.
        "likely_same": bool(matches) and max(match.score for match in matches) >= selectors.GROUP_MIN_SCORE,
    }
    return render(request, "similarity/_draft_results.html", context)


@login_required
@require_GET
def proposal_panel(request, pk: int):
    user = request.user
    proposal = proposal_selectors.proposal_get(user, pk)
    if proposal is None:
        raise Http404
    cluster = selectors.cluster_of(proposal)
    may_compare = user.has_perm("similarity.view_similar")
    context = {
        "proposal": proposal,
        "cluster": cluster,
        "cluster_members": list(selectors.cluster_members(user, cluster).exclude(pk=proposal.pk)) if cluster else [],
        "may_compare": may_compare,
        "may_group": user.has_perm("similarity.manage_cluster") and selectors.clusterable(proposal),
        "rows": _match_rows(selectors.similar_to_proposal(user, proposal, include_public=False)) if may_compare else [],
    }
    if not cluster and not may_compare:
        return HttpResponse("")
    return render(request, "similarity/_proposal_panel_body.html", context)


@login_required
@require_GET
def triage_panel(request):
    """Groups of likely duplicates among the proposals of the triage queue as filtered."""
    user = request.user
    if not user.has_perm("similarity.view_similar"):
        raise PermissionDenied(_("기획단 TF만 이용할 수 있습니다."))
    filters = list_filters(request.GET, defaults={"status": [ProposalStatus.SUBMITTED]})
    queue = proposal_selectors.proposal_list(user, filters).order_by("-submitted_at", "-pk")
    queue = queue.select_related("cluster_membership")[: selectors.GROUPS_FROM]
    groups = selectors.duplicate_groups(user, queue)
    context = {"groups": groups, "may_group": user.has_perm("similarity.manage_cluster")}
    return render(request, "similarity/_triage_panel_body.html", context)


# --- clusters ---------------------------------------------------------------------------


@login_required
def cluster_list(request):
    """Clusters, newest first, a page at a time (members of that page's clusters only)."""
    paginator = Paginator(selectors.clusters_for(request.user).order_by("-created_at", "-pk"), CLUSTERS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    clusters = list(page.object_list)
    members = {}
    visible = proposal_selectors.proposal_list(request.user).filter(
        cluster_membership__cluster__in=[c.pk for c in clusters]
    )
    for proposal in visible.select_related("cluster_membership"):
        members.setdefault(proposal.cluster_membership.cluster_id, []).append(proposal)
    context = {
        "rows": [{"cluster": cluster, "members": members.get(cluster.pk, [])} for cluster in clusters],
        "page_obj": page,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "results_url": request.path,
    }
    template = "similarity/_cluster_results.html" if wants_partial(request) else "similarity/cluster_list.html"
    return render(request, template, context)


def _visible_cluster(user, pk):
    cluster = selectors.cluster_get(user, pk)
    if cluster is None:
        raise Http404
    return cluster


def _cluster_page(request, cluster, *, bound_form=None, add_form=None, status=200):
    user = request.user
    members = list(selectors.cluster_members(user, cluster))
    all_members = list(Proposal.objects.filter(cluster_membership__cluster=cluster).order_by("pk"))
    hidden = len(all_members) - len(members)
    forms = []
    if members and not hidden:
        for name in services.cluster_actions(user, all_members):
            if bound_form is not None and bound_form.action == name:
                forms.append(bound_form)
            else:
                forms.append(action_form(name, proposal=all_members[0], user=user))
    manage = user.has_perm("similarity.manage_cluster")
    context = {
        "cluster": cluster,
        "members": members,
        "hidden_count": hidden,
        "action_forms": forms,
        "blockers": services.cluster_blockers(user, all_members) if members and not hidden else [],
        "open_action": bound_form.action if bound_form is not None else "",
        "may_manage": manage,
        "add_form": (add_form or ClusterAddForm()) if manage else None,
    }
    return render(request, "similarity/cluster_detail.html", context, status=status)


@login_required
def cluster_detail(request, pk: int):
    return _cluster_page(request, _visible_cluster(request.user, pk))


@login_required
@require_POST
def cluster_create(request):
    user = request.user
    _require_tf(user)
    form = ClusterCreateForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect(_back(request, reverse("proposal-triage")))
    proposals = [proposal_selectors.proposal_get(user, pk) for pk in form.cleaned_data["ids"]]
    try:
        cluster = services.cluster_create(
            actor=user,
            title=form.cleaned_data["title"],
            note=form.cleaned_data["note"],
            proposals=[p for p in proposals if p is not None],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_back(request, reverse("proposal-triage")))
    members = list(Proposal.objects.filter(cluster_membership__cluster=cluster))
    if services.cluster_actions(user, members):
        messages.success(request, _("공통건의로 묶었습니다. 이제 함께 배정하고 결정할 수 있습니다."))
    else:
        # Members in different states share no action: say so, and the page says which blocks.
        messages.success(
            request, _("공통건의로 묶었습니다. 구성 과제의 상태가 달라 함께 할 작업을 막는 과제를 보여 드립니다.")
        )
    return redirect("similarity-cluster-detail", pk=cluster.pk)


def _back(request, default: str) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@login_required
@require_POST
def cluster_add(request, pk: int):
    user = request.user
    cluster = _visible_cluster(user, pk)
    _require_tf(user)
    form = ClusterAddForm(request.POST)
    if form.is_valid():
        proposal = proposal_selectors.proposal_list(user).filter(reference=form.cleaned_data["reference"]).first()
        if proposal is None:
            form.add_error("reference", _("이 과제번호의 건의과제를 찾을 수 없습니다."))
        else:
            try:
                services.cluster_add(cluster=cluster, actor=user, proposal=proposal)
            except ValidationError as error:
                form.add_error("reference", " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("%(reference)s 공통건의에 더했습니다.")
                    % {"reference": with_particle(proposal.reference, "을/를")},
                )
                return redirect("similarity-cluster-detail", pk=cluster.pk)
    return _cluster_page(request, cluster, add_form=form, status=400)


@login_required
@require_POST
def cluster_remove(request, pk: int, proposal_pk: int):
    user = request.user
    cluster = _visible_cluster(user, pk)
    _require_tf(user)
    proposal = proposal_selectors.proposal_get(user, proposal_pk)
    if proposal is None:
        raise Http404
    remaining = services.cluster_remove(cluster=cluster, actor=user, proposal=proposal)
    if remaining is None:
        messages.success(request, _("남은 과제가 하나뿐이라 공통건의를 풀었습니다."))
        return redirect("similarity-cluster-list")
    messages.success(
        request, _("%(reference)s 공통건의에서 뺐습니다.") % {"reference": with_particle(proposal.reference, "을/를")}
    )
    return redirect("similarity-cluster-detail", pk=cluster.pk)


@login_required
@require_POST
def cluster_dissolve(request, pk: int):
    user = request.user
    cluster = _visible_cluster(user, pk)
    _require_tf(user)
    services.cluster_dissolve(cluster=cluster, actor=user)
    messages.success(request, _("공통건의를 풀었습니다. 각 과제는 따로 처리됩니다."))
    return redirect("similarity-cluster-list")


@login_required
@require_POST
def cluster_action(request, pk: int, action: str):
    """Fire one action on every member: all or nothing."""
    spec = FIREABLE.get(action)
    if spec is None:
        raise Http404
    user = request.user
    cluster = _visible_cluster(user, pk)
    first = Proposal.objects.filter(cluster_membership__cluster=cluster).order_by("pk").first()
    if first is None:
        raise Http404
    form = action_form(action, proposal=first, user=user, data=request.POST)
    if not form.is_valid():
        return _cluster_page(request, cluster, bound_form=form, status=400)
    try:
        fired = services.cluster_fire(cluster=cluster, actor=user, action=action, **form.service_fields())
    except ValidationError as error:
        form.add_service_error(error)
        return _cluster_page(request, cluster, bound_form=form, status=400)
    except ClusterConflict as error:
        messages.error(request, str(error))
        return _cluster_page(request, cluster, status=409)
    messages.success(
        request,
        _("%(action)s: 공통건의의 %(count)d건 모두 처리했습니다. %(done)s")
        % {"action": spec.label, "count": len(fired), "done": spec.done},
    )
    return redirect("similarity-cluster-detail", pk=cluster.pk)
