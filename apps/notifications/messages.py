"""The title and text of each notification, from its event or occasion, in the active
language.

Workflow notifications (an event, a deadline reminder) store their kind and parameters
(``Notification.params``: the facts as they were when sent) and are rendered when read —
in the reader's language — and when e-mailed (``render``). Rows without parameters (written
before, or by apps that still pass finished text) show their stored title and body.

An event's note is quoted only to recipients whose timeline shows it
(``apps.proposals.timeline.recipient_may_read_note``): the region reads its own words and
what the ministry addresses to it, never an internal review note (the ``decide`` note
holds the internal reasons — the region reads the public ``decision_summary``).
"""

import contextvars
import datetime

from django.urls import NoReverseMatch, reverse
from django.utils.text import Truncator
from django.utils.timezone import localdate
from django.utils.translation import gettext as _

from apps.core.hangul import with_particle
from apps.organisations.models import Department
from apps.proposals.models import Outcome, Proposal, ProposalEvent

from .models import Kind

TITLE_CHARS = 300
NOTE_CHARS = 500


def _reverse(name: str, fallback: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return fallback


def proposal_url(proposal: Proposal) -> str:
    return _reverse("proposal-detail", f"/proposals/{proposal.pk}/", pk=proposal.pk)


def consultation_url(consultation_id) -> str:
    return _reverse("consultation-list", "/proposals/consultations/") + f"#consultation-{consultation_id}"


def title_for(kind: str, proposal: Proposal) -> str:
    label = Kind(kind).label
    return Truncator(f"[{proposal.reference}] {label}: {proposal.title}").chars(TITLE_CHARS)


def _date(value) -> str:
    if not value:
        return "—"
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value.strftime("%Y-%m-%d")


# Department rows preloaded for a page of notifications (``render_all``): one query a page.
_departments: contextvars.ContextVar[dict | None] = contextvars.ContextVar("notification_departments", default=None)
DEPARTMENT_FIELDS = ("code", "name", "name_en", "name_en_verified")


def _department_rows(codes) -> dict:
    preloaded = _departments.get()
    codes = [c for c in codes if c]
    if preloaded is not None and all(code in preloaded for code in codes):
        return preloaded
    return {row["code"]: row for row in Department.objects.filter(code__in=codes).values(*DEPARTMENT_FIELDS)}


def _department_names(codes) -> str:
    from apps.core.templatetags.site_tags import localized_name

    rows = _department_rows(codes)
    return ", ".join(localized_name(rows[code]) if code in rows else code for code in codes if code)


def _outcome(value: str) -> str:
    return Outcome(value).label if value in Outcome.values else value


def event_body(kind: str, event: ProposalEvent, *, quote_note: bool = False, sent: dict | None = None) -> str:
    """What happened, in one or two Korean sentences, and the note when ``quote_note``
    (the recipients may read it)."""
    from apps.core.templatetags.site_tags import localized_name

    proposal, payload = event.proposal, event.payload or {}
    sent = sent or {}
    region = localized_name(proposal.region)
    texts = {
        Kind.ENDORSEMENT_REQUESTED: lambda: _(
            "%(region)s 담당자가 건의과제를 제출했습니다. 부지사 확인(승인 또는 반려)이 필요합니다."
        )
        % {"region": region},
        Kind.RETURNED: lambda: _("부지사가 건의과제를 작성중 상태로 돌려보냈습니다. 사유를 확인하고 보완해 주세요."),
        Kind.SUBMITTED: lambda: _("%(region)s의 건의과제가 접수되었습니다. 배정 기한: %(due)s.")
        % {"region": region, "due": _date(payload.get("due_at"))},
        Kind.INFO_REQUESTED: lambda: (
            _("주관부서가 검토에 필요한 자료를 요청했습니다. 건의과제 화면에서 회신해 주세요.")
            if event.action == "ask_region"
            else _("기획단 TF가 보완을 요청했습니다. 보완 후 다시 제출해 주세요.")
        ),
        Kind.REGION_ANSWERED: lambda: _("%(region)s 요청한 자료를 회신했습니다. 처리기한: %(due)s.")
        % {"region": with_particle(region, "이/가"), "due": _date(payload.get("due_at"))},
        Kind.RESUBMITTED: lambda: _("%(region)s 보완 자료를 제출했습니다. 처리기한: %(due)s.")
        % {"region": with_particle(region, "이/가"), "due": _date(payload.get("due_at"))},
        Kind.ASSIGNED: lambda: _assigned_text(event, payload),
        Kind.DECLINED: lambda: _("%(department)s 소관이 아니라고 회신했습니다. 다시 배정해 주세요.")
        % {"department": with_particle(_department_names([payload.get("declined_by")]) or _("주관부서"), "이/가")},
        Kind.CONSULTATION_REQUESTED: lambda: _("자문·의견조회 요청이 왔습니다. 회신 기한: %(due)s.")
        % {"due": _date(payload.get("due_at"))},
        Kind.CONSULTATION_ANSWERED: lambda: _("자문·의견조회에 회신이 등록되었습니다."),
        Kind.DECIDED: lambda: _decided_text(proposal, payload),
        Kind.FOLLOWUP_UPDATED: lambda: _followup_text(event, payload),
        Kind.EXTENDED: lambda: _("처리기한이 %(previous)s에서 %(due)s 연장되었습니다.")
        % {
            "previous": _date(payload.get("previous_due_at")),
            "due": with_particle(_date(payload.get("due_at")), "으로/로"),
        },
        Kind.APPEALED: lambda: _("%(region)s 검토 결과에 대해 재검토를 요청했습니다.")
        % {"region": with_particle(region, "이/가")},
        Kind.UPHELD: lambda: _("재검토 결과 원래 검토 결과(%(outcome)s)를 유지합니다.")
        % {"outcome": _outcome(sent.get("outcome", proposal.outcome))},
        Kind.REOPENED: lambda: _("건의과제를 다시 검토합니다. 처리기한: %(due)s.")
        % {"due": _date(sent.get("due_at", proposal.due_at))},
        Kind.COMPLETED: lambda: _("건의과제의 추진이 완료되었습니다."),
        Kind.REFERRED: lambda: _("건의과제가 %(ministry)s 이관되었습니다.")
        % {"ministry": with_particle(payload.get("ministry") or _("타부처"), "으로/로")},
        Kind.MERGED: lambda: _("건의과제가 %(into)s 건의과제에 병합되었습니다.")
        % {"into": payload.get("into_reference") or ""},
        Kind.WITHDRAWN: lambda: _("건의과제가 철회되었습니다."),
        Kind.REREVIEW: lambda: _("중장기검토 과제가 재검토 주기가 되어 다시 검토합니다. 처리기한: %(due)s.")
        % {"due": _date(payload.get("due_at"))},
    }
    text = texts[kind]()
    if quote_note and event.note:
        text += "\n" + _("내용: %(note)s") % {"note": Truncator(event.note).chars(NOTE_CHARS)}
    return text


def _assigned_text(event, payload) -> str:
    lead = _department_names([payload.get("lead_department")])
    support = _department_names(payload.get("support_departments") or [])
    if event.action == "reassign":
        text = _("%(lead)s 재배정되었습니다.") % {"lead": with_particle(lead, "으로/로")}
    else:
        text = _("%(lead)s에 검토가 배정되었습니다.") % {"lead": lead}
    if support:
        text += " " + _("협조부서: %(support)s.") % {"support": support}
    return text + " " + _("처리기한: %(due)s.") % {"due": _date(payload.get("due_at"))}


def _decided_text(proposal, payload) -> str:
    text = _("검토 결과: %(outcome)s.") % {"outcome": _outcome(payload.get("outcome") or proposal.outcome)}
    if payload.get("decision_summary"):
        text += " " + Truncator(payload["decision_summary"]).chars(NOTE_CHARS)
    if payload.get("planned_for"):
        text += " " + _("추진 예정일: %(date)s.") % {"date": _date(payload["planned_for"])}
    if payload.get("rereview_at"):
        text += " " + _("재검토 예정일: %(date)s.") % {"date": _date(payload["rereview_at"])}
    return text


def _followup_text(event, payload) -> str:
    if event.action == "start_followup":
        return _("수용 과제의 추진이 시작되었습니다. 추진 예정일: %(date)s.") % {
            "date": _date(payload.get("planned_for"))
        }
    text = _("추진상황이 갱신되었습니다. 추진률: %(progress)s%%.") % {"progress": payload.get("progress", "—")}
    if payload.get("milestone"):
        text += " " + _("단계: %(milestone)s") % {"milestone": Truncator(payload["milestone"]).chars(200)}
    return text


def event_url(kind: str, event: ProposalEvent) -> str:
    if kind == Kind.CONSULTATION_REQUESTED:
        # Consulted organisations see the proposal only through their consultation.
        return consultation_url((event.payload or {}).get("consultation", ""))
    return proposal_url(event.proposal)


def reminder_params(proposal: Proposal, *, business_days: int = 0) -> dict:
    """What a reminder says, as it is when sent (rendered by ``reminder_body``)."""
    return {
        "business_days": business_days,
        "due_at": _date(proposal.due_at),
        "department": proposal.lead_department.code if proposal.lead_department_id else "",
        "assigned": _date(proposal.assigned_at and localdate(proposal.assigned_at)),
        "rereview_at": _date(proposal.rereview_at),
    }


def reminder_body(kind: str, proposal: Proposal, *, business_days: int = 0, sent: dict | None = None) -> str:
    sent = sent or reminder_params(proposal, business_days=business_days)
    business_days, due = sent["business_days"], sent["due_at"]
    stage = _department_names([sent["department"]]) if sent["department"] else _("기획단 TF(접수·배정)")
    texts = {
        Kind.DUE_SOON: lambda: (
            _("오늘(%(due)s)이 처리기한입니다. 담당: %(stage)s.") % {"due": due, "stage": stage}
            if business_days == 0
            else _("처리기한(%(due)s)까지 %(days)s영업일 남았습니다. 담당: %(stage)s.")
            % {"due": due, "days": business_days, "stage": stage}
        ),
        Kind.OVERDUE: lambda: _("처리기한(%(due)s)이 %(days)s영업일 지났습니다. 담당: %(stage)s.")
        % {"due": due, "days": business_days, "stage": stage},
        Kind.ESCALATED: lambda: _("%(stage)s의 처리기한(%(due)s)이 %(days)s영업일 지나 보고드립니다.")
        % {"due": due, "days": business_days, "stage": stage},
        Kind.INTERIM_NOTICE: lambda: _(
            "%(stage)s에서 검토 중입니다(배정일 %(assigned)s, 처리기한 %(due)s). "
            "검토가 길어져 중간 진행상황을 안내드립니다."
        )
        % {"stage": stage, "assigned": sent["assigned"], "due": due},
        Kind.REREVIEW_DUE: lambda: _("중장기검토 과제의 재검토 예정일(%(date)s)이 다가왔습니다.")
        % {"date": sent["rereview_at"]},
    }
    return texts[kind]()


def event_params(event: ProposalEvent, *, quote_note: bool) -> dict:
    """What an event notification needs besides its event: whether it quotes the note, and
    the proposal's outcome and due date as they were when it was sent."""
    proposal = event.proposal
    return {
        "renderer": "event",
        "quote_note": quote_note,
        "outcome": proposal.outcome,
        "due_at": _date(proposal.due_at),
    }


# The kinds ``event_body`` writes (the registry's ``notifies``); others keep their stored text.
EVENT_KINDS = {
    Kind.ENDORSEMENT_REQUESTED, Kind.RETURNED, Kind.SUBMITTED, Kind.INFO_REQUESTED, Kind.REGION_ANSWERED,
    Kind.RESUBMITTED, Kind.ASSIGNED, Kind.DECLINED, Kind.CONSULTATION_REQUESTED, Kind.CONSULTATION_ANSWERED,
    Kind.DECIDED, Kind.FOLLOWUP_UPDATED, Kind.EXTENDED, Kind.APPEALED, Kind.UPHELD, Kind.REOPENED,
    Kind.COMPLETED, Kind.REFERRED, Kind.MERGED, Kind.WITHDRAWN, Kind.REREVIEW,
}  # fmt: skip


def render(notification) -> tuple[str, str]:
    """``(title, body)`` of a notification in the active language: rendered from its kind and
    parameters where it has them, else its stored text."""
    params = notification.params or {}
    renderer = params.get("renderer")
    if renderer == "event" and notification.event_id and notification.proposal_id and notification.kind in EVENT_KINDS:
        event = notification.event
        if event.proposal_id == notification.proposal_id:
            event.proposal = notification.proposal  # loaded with the page (its region too)
        body = event_body(notification.kind, event, quote_note=params.get("quote_note", False), sent=params)
        return title_for(notification.kind, notification.proposal), body
    if renderer == "text":
        return Truncator(render_text(params.get("title"))).chars(TITLE_CHARS), render_text(params.get("body"))
    if renderer == "followed" and notification.event_id and notification.proposal_id:
        from .follows import followed_text  # follows reads the timeline, which reads this module's neighbours

        return followed_text(notification.event, notification.proposal)
    if renderer == "reminder" and notification.proposal_id:
        body = reminder_body(notification.kind, notification.proposal, sent=params)
        return title_for(notification.kind, notification.proposal), body
    return notification.title, notification.body


def render_all(notifications) -> list:
    """Render a page of notifications in the active language with one query for the
    departments they name, whatever their number (the events come with the page)."""
    notifications = list(notifications)
    codes = set()
    for notification in notifications:
        params = notification.params or {}
        if params.get("renderer") == "reminder":
            codes.add(params.get("department"))
        elif params.get("renderer") == "event" and notification.event_id:
            payload = notification.event.payload or {}
            codes.update([payload.get("lead_department"), payload.get("declined_by")])
            codes.update(payload.get("support_departments") or [])
    codes.discard(None)
    codes.discard("")
    rows = (
        {row["code"]: row for row in Department.objects.filter(code__in=codes).values(*DEPARTMENT_FIELDS)}
        if codes
        else {}
    )
    token = _departments.set(rows)
    try:
        for notification in notifications:
            notification.shown  # noqa: B018 — renders and keeps it for this language
    finally:
        _departments.reset(token)
    return notifications


# --- texts written by the other apps (meetings, comments), rendered when read -------------
#
# A caller describes its text as a *deferred* value instead of a finished string, e.g.
# ``deferred(gettext_noop("%(name)s님이 내 댓글에 답글을 남겼습니다: %(target)s"), name=…)``.
# Arguments are literals (what people wrote, names, references) or deferred values
# themselves; ``field`` names a model field whose verbose name is the text, ``when`` a
# meeting's start and end, written as ``when_text`` writes them.


def deferred(msgid: str, *, particle: str = "", **args) -> dict:
    return {"msgid": msgid, "args": args, "particle": particle}


def field_label(model, name: str, *, particle: str = "") -> dict:
    return {"field": f"{model._meta.label_lower}.{name}", "particle": particle}


def joined(items: list, *, separator: str = ", ", particle: str = "") -> dict:
    return {"join": items, "separator": separator, "particle": particle}


def when(starts_at, ends_at) -> dict:
    return {"when": [starts_at.isoformat(), ends_at.isoformat()]}


def named(obj, *, particle: str = "") -> dict:
    """A reference row's name (region, department, organisation …) as ``localized_name`` shows it."""
    keys = ("name", "short_name", "name_en", "name_en_verified")
    return {"named": {key: getattr(obj, key) for key in keys if hasattr(obj, key)}, "particle": particle}


def kind_title(kind: str, proposal: Proposal) -> dict:
    """``title_for`` deferred: "[2026-51-0001] 처리기한 임박: 제목"."""
    return joined(["[", proposal.reference, "] ", {"kind": kind}, ": ", proposal.title], separator="")


def text_params(title, body=None) -> dict:
    return {"renderer": "text", "title": title, "body": body}


def render_text(value) -> str:
    """A deferred value in the active language (a literal as it is)."""
    if value is None:
        return ""
    if not isinstance(value, dict):
        return str(value)
    if "when" in value:
        from types import SimpleNamespace

        from apps.meetings.services.common import when_text

        start, end = (datetime.datetime.fromisoformat(v) for v in value["when"])
        return when_text(SimpleNamespace(starts_at=start, ends_at=end))
    if "kind" in value:
        return str(Kind(value["kind"]).label)
    if "named" in value:
        from apps.core.templatetags.site_tags import localized_name

        text = localized_name(value["named"])
    elif "field" in value:
        from django.apps import apps

        label, name = value["field"].rsplit(".", 1)
        text = str(apps.get_model(label)._meta.get_field(name).verbose_name)
    elif "join" in value:
        text = value.get("separator", ", ").join(render_text(item) for item in value["join"])
    else:
        args = {key: render_text(arg) for key, arg in (value.get("args") or {}).items()}
        text = _(value["msgid"]) % args if args else _(value["msgid"])
    return with_particle(text, value["particle"]) if value.get("particle") else text
