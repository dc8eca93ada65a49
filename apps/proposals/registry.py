"""The action registry: one record per thing that can happen to a proposal.

Each record says what the action is called (button, timeline, public timeline, success
message), who may fire it (a django-rules predicate; ``rules.py`` registers it as
``proposals.<name>_proposal``), where the state machine takes it (the model's transition
of the same name — its source states are read from the FSM, never retyped), what input it
takes (a serializer in ``inputs.py``), what it does to the proposal (``workflow.py``),
who may read its note and which payload keys each audience may read (``timeline.py``
cuts every surface to that), and which notification it sends (``apps.notifications``
picks the recipients by kind).

Web forms, the API, notifications, the public portal and the demo all read it. Adding
an action means adding one record here and its transition on ``Proposal``.
"""

import dataclasses
import enum
from collections.abc import Callable

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import inputs, workflow
from . import predicates as p
from .models import Proposal


class Audience(enum.IntEnum):
    """Who may read a note or a payload key; each audience reads what those below it read."""

    PUBLIC = 0  # anyone, on a public event of a public proposal
    PARTICIPANTS = 1  # whoever may see the proposal (its region, the ministry's staff on it)
    INTERNAL = 2  # holders of ``proposals.view_internal_notes`` (TF, admins, its departments)


P, INTERNAL, PUB = Audience.PARTICIPANTS, Audience.INTERNAL, Audience.PUBLIC

# Keys any event may carry: a 공통건의 (cluster) action names its cluster on each member.
COMMON_PAYLOAD = {"cluster": P, "cluster_title": P}


@dataclasses.dataclass(frozen=True)
class ActionSpec:
    name: str
    label: Promise
    transition: bool = True  # the Proposal method of the same name; False: recorded, never fired
    rule: Callable | None = None  # who may fire it; None: recorded by the platform itself
    input: type[inputs.ActionInput] = inputs.ActionInput
    apply: Callable | None = None
    done: Promise | None = None  # the message after it succeeds
    note_label: Promise | None = None  # set: a note (its reason) is required, under this label
    note_readers: Audience = Audience.INTERNAL
    consulted_read_note: bool = False  # the consulted organisation's members read the note too
    payload: dict = dataclasses.field(default_factory=dict)  # key → the least audience reading it
    public_label: Promise | None = None  # set: shown on the public timeline, under this label
    notifies: str | None = None  # the notification kind (``apps.notifications.models.Kind``)
    caution: bool = False  # ends or reverses something: a warning-styled button
    unmet: Promise | Callable | None = None  # why a condition refuses it (or a function of the proposal)
    who: str = ""  # for the API documentation

    def unmet_for(self, proposal) -> str:
        return str(self.unmet if isinstance(self.unmet, Promise) else self.unmet(proposal))

    @property
    def permission(self) -> str:
        return f"proposals.{self.name}_proposal"

    @property
    def is_public(self) -> bool:
        return self.public_label is not None

    @property
    def fireable(self) -> bool:
        return self.rule is not None

    @property
    def needs_note(self) -> bool:
        return self.note_label is not None

    @property
    def method(self) -> str | None:
        """The state machine's transition: ``return`` is a keyword, hence ``return_to_draft``."""
        if not self.transition:
            return None
        return "return_to_draft" if self.name == "return" else self.name

    @property
    def sources(self) -> frozenset[str]:
        """The states it may be fired from, as the state machine has them."""
        if self.method is None:
            return frozenset()
        return frozenset(getattr(Proposal, self.method)._django_fsm.transitions)

    def key_audience(self, key: str) -> Audience:
        return {**COMMON_PAYLOAD, **self.payload}.get(key, Audience.INTERNAL)


from . import followup_specs as issue17  # noqa: E402  (its records; it reads the names above)

REGION = "해당 지역 지자체 담당자·부지사"
VICE_GOVERNOR = "해당 지역 부지사"
TF = "기획단 TF"
LEAD = "주관부서 담당자"
TF_LEAD = "국토정책관·국토도시실장"

DEPARTMENTS = {"lead_department": P, "support_departments": P, "due_at": P}

SPECS = [
    # Recorded by the platform or by other apps; nobody fires these through proposal_fire.
    ActionSpec("create", pgettext_lazy("timeline", "작성"), transition=False, note_readers=P),
    ActionSpec("update", pgettext_lazy("timeline", "수정"), transition=False, note_readers=P, payload={"fields": P}),
    ActionSpec(
        "consultation_answered",
        _("자문 회신"),
        transition=False,
        consulted_read_note=True,
        payload={"consultation": INTERNAL, "organisation": INTERNAL},
        notifies="consultation_answered",
    ),
    ActionSpec(
        "rereview",
        _("중장기검토 재검토"),
        transition=False,
        note_readers=P,
        payload={"due_at": P},
        public_label=_("중장기검토 재검토"),
        notifies="rereview",
    ),
    ActionSpec(
        "attach",
        _("첨부파일 등록"),
        transition=False,
        payload={"attachment": P, "name": P, "size": P, "content_type": P},
    ),
    ActionSpec(
        "meeting_outcome",
        _("회의 논의 결과"),
        transition=False,
        note_readers=P,
        payload={
            "meeting_id": P,
            "meeting_title": P,
            "meeting_date": P,
            "body": P,
            "agenda_item": P,
            "meeting_outcome": P,
            "corrected": P,
        },
    ),
    *issue17.RECORDED_SPECS,
    ActionSpec("forum_tabled", _("포럼 부의"), transition=False, note_readers=P, payload={"topic": P}),
    ActionSpec(
        "forum_recommendation",
        _("포럼 권고"),
        transition=False,
        note_readers=P,
        payload={"recommendation": P, "topic": P},
    ),
    # The workflow of DESIGN.md §3.
    ActionSpec(
        "submit",
        _("제출"),
        rule=p.is_region_author,
        done=_("건의과제를 제출했습니다. 부지사 확인을 기다립니다."),
        note_readers=P,
        notifies="endorsement_requested",
        who=REGION,
    ),
    ActionSpec(
        "endorse",
        _("확인"),
        rule=p.is_region_vice_governor,
        apply=workflow.apply_endorse,
        done=_("건의과제를 확인하여 국토교통부에 접수했습니다."),
        note_readers=P,
        payload={"due_at": P},
        public_label=_("접수(부지사 확인)"),
        notifies="submitted",
        who=VICE_GOVERNOR,
    ),
    ActionSpec(
        "return",
        _("반려"),
        rule=p.is_region_vice_governor,
        done=_("건의과제를 작성중 상태로 반려했습니다."),
        note_label=_("반려 사유"),
        note_readers=P,
        notifies="returned",
        caution=True,
        who=VICE_GOVERNOR,
    ),
    ActionSpec(
        "request_info",
        _("보완요청"),
        rule=p.is_tf,
        apply=workflow.apply_request_info,
        done=_("지역에 보완을 요청했습니다."),
        note_label=_("보완 요청 내용"),
        note_readers=P,
        notifies="info_requested",
        who=TF,
    ),
    ActionSpec(
        "resubmit",
        _("재제출"),
        rule=p.is_region_author,
        apply=workflow.apply_resubmit,
        done=_("보완한 건의과제를 다시 제출했습니다."),
        # A resubmission answers the request: the region says what it changed.
        note_label=_("보완 답변"),
        note_readers=P,
        payload={"paused_business_days": P, "due_at": P},
        notifies="resubmitted",
        who=REGION,
    ),
    ActionSpec(
        "assign",
        _("배정"),
        rule=p.is_tf,
        input=inputs.AssignInput,
        apply=workflow.apply_assign,
        done=_("소관부서에 배정했습니다."),
        payload=DEPARTMENTS,
        public_label=_("소관부서 배정"),
        notifies="assigned",
        who=TF,
    ),
    ActionSpec(
        "reassign",
        _("재배정"),
        rule=p.is_tf,
        input=inputs.AssignInput,
        apply=workflow.apply_reassign,
        done=_("소관부서를 다시 배정했습니다."),
        payload={**DEPARTMENTS, "previous_lead_department": P},
        public_label=_("소관부서 재배정"),
        notifies="assigned",
        who=TF,
    ),
    ActionSpec(
        "start_review",
        _("검토 시작"),
        rule=p.is_lead_reviewer,
        done=_("검토를 시작했습니다."),
        who=LEAD,
    ),
    ActionSpec(
        "decline",
        _("소관 아님(반송)"),
        rule=p.is_lead_reviewer,
        apply=workflow.apply_decline,
        done=_("소관이 아닌 과제로 기획단 TF에 반송했습니다."),
        note_label=_("반송 사유"),
        payload={"declined_by": INTERNAL},
        notifies="declined",
        caution=True,
        who=LEAD,
    ),
    ActionSpec(
        "consult",
        pgettext_lazy("timeline", "자문 요청"),
        rule=p.is_lead_reviewer | p.is_support_reviewer,
        input=inputs.ConsultInput,
        apply=workflow.apply_consult,
        done=_("자문을 요청했습니다."),
        consulted_read_note=True,
        payload={"consultation": INTERNAL, "organisation": INTERNAL, "due_at": P},
        notifies="consultation_requested",
        who="주관·협조부서 담당자",
    ),
    *issue17.REVIEW_SPECS,
    ActionSpec(
        "extend",
        _("처리기한 연장"),
        rule=p.is_lead_reviewer,
        input=inputs.ExtendInput,
        apply=workflow.apply_extend,
        done=_("처리기한을 연장했습니다."),
        note_label=_("연장 사유"),
        unmet=_("기한 연장은 검토마다 한 번만 할 수 있습니다."),
        note_readers=P,
        payload={"due_at": P, "previous_due_at": P},
        notifies="extended",
        who="주관부서 담당자 (검토마다 한 번)",
    ),
    ActionSpec(
        "decide",
        _("검토결과 결정"),
        rule=p.is_lead_reviewer,
        input=inputs.DecideInput,
        apply=workflow.apply_decide,
        done=_("검토결과를 결정했습니다."),
        note_label=_("검토 의견(내부)"),
        payload={"outcome": PUB, "decision_summary": PUB, "planned_for": PUB, "rereview_at": P, "appeal_until": P},
        public_label=_("검토결과 결정"),
        notifies="decided",
        who=LEAD,
    ),
    ActionSpec(
        "start_followup",
        _("후속 추진 시작"),
        rule=p.is_lead_reviewer,
        input=inputs.StartFollowupInput,
        unmet=_("수용·일부수용으로 결정된 과제만 후속 추진할 수 있습니다."),
        apply=workflow.apply_start_followup,
        done=_("후속 추진을 시작했습니다."),
        payload={"planned_for": PUB},
        public_label=_("후속 추진 시작"),
        notifies="followup_updated",
        who=LEAD,
    ),
    ActionSpec(
        "update_followup",
        _("추진상황 갱신"),
        rule=p.is_lead_reviewer,
        input=inputs.UpdateFollowupInput,
        apply=workflow.apply_update_followup,
        done=_("추진상황을 갱신했습니다."),
        payload={"progress": PUB, "milestone": P},
        public_label=_("추진상황 갱신"),
        notifies="followup_updated",
        who=LEAD,
    ),
    *issue17.FOLLOWUP_SPECS,
    ActionSpec(
        "complete",
        _("추진 완료"),
        rule=p.is_lead_reviewer,
        apply=workflow.apply_complete,
        done=_("추진 완료로 처리했습니다."),
        public_label=_("추진 완료"),
        notifies="completed",
        who=LEAD,
    ),
    ActionSpec(
        "refer",
        _("타부처 이관"),
        rule=p.is_tf,
        input=inputs.ReferInput,
        apply=workflow.apply_refer,
        done=_("다른 부처로 이관했습니다."),
        payload={"ministry": PUB},
        public_label=_("타부처 이관"),
        notifies="referred",
        caution=True,
        who=TF,
    ),
    ActionSpec(
        "merge",
        _("병합"),
        rule=p.is_tf,
        input=inputs.MergeInput,
        apply=workflow.apply_merge,
        done=_("다른 건의과제에 병합했습니다."),
        payload={"into": P, "into_reference": PUB},
        public_label=_("다른 과제에 병합"),
        notifies="merged",
        caution=True,
        who=TF,
    ),
    ActionSpec(
        "withdraw",
        _("철회"),
        rule=p.is_region_author,
        done=_("건의과제를 철회했습니다."),
        note_readers=P,
        public_label=_("철회"),
        notifies="withdrawn",
        caution=True,
        who=REGION,
    ),
    ActionSpec(
        "appeal",
        _("재검토요청"),
        rule=p.is_region_author,
        apply=workflow.apply_appeal,
        done=_("재검토를 요청했습니다."),
        note_label=_("재검토 요청 사유"),
        unmet=workflow.appeal_refusal,
        note_readers=P,
        public_label=_("지역의 재검토요청"),
        notifies="appealed",
        who="해당 지역 지자체 담당자·부지사 (한 번)",
    ),
    ActionSpec(
        "uphold",
        _("원결정 유지"),
        rule=p.is_tf_lead,
        apply=workflow.apply_uphold,
        done=_("원래 결정을 유지했습니다."),
        note_label=_("결정 유지 사유"),
        note_readers=P,
        payload={"reasons": PUB},  # published with the outcome (국민제안); notes never are
        public_label=_("원결정 유지"),
        notifies="upheld",
        who=TF_LEAD,
    ),
    ActionSpec(
        "reopen",
        _("재검토 개시"),
        rule=p.is_tf_lead,
        apply=workflow.apply_reopen,
        done=_("재검토를 시작했습니다."),
        payload={"due_at": P},
        public_label=_("재검토 개시"),
        notifies="reopened",
        who=TF_LEAD,
    ),
]

ACTIONS: dict[str, ActionSpec] = {spec.name: spec for spec in SPECS}
# What people fire (web forms, the API's ``proposals/{id}/{action}/``), in workflow order.
FIREABLE: dict[str, ActionSpec] = {name: spec for name, spec in ACTIONS.items() if spec.fireable}

# How each payload key is labelled wherever a timeline shows it.
PAYLOAD_LABELS = {
    "cluster_title": _("공통건의"),
    "lead_department": _("주관부서"),
    "previous_lead_department": _("이전 주관부서"),
    "support_departments": _("협조부서"),
    "due_at": _("처리기한"),
    "previous_due_at": _("이전 처리기한"),
    "outcome": _("검토결과"),
    "decision_summary": _("검토결과 요지"),
    "planned_for": _("추진 예정일"),
    "rereview_at": _("재검토 예정일"),
    "ministry": _("이관 부처"),
    "into_reference": _("병합 대상"),
    "progress": _("추진률"),
    "milestone": _("추진 내용"),
    **issue17.FOLLOWUP_PAYLOAD_LABELS,
    "paused_business_days": _("보완 대기(영업일)"),
    "declined_by": _("반송 부서"),
    "organisation": _("자문기관"),
    "fields": _("수정 항목"),
    "name": _("파일"),
    "meeting_title": _("회의"),
    "meeting_date": _("회의 일자"),
}


def spec_for(action: str) -> ActionSpec | None:
    return ACTIONS.get(action)


def label_of(action: str, *, public: bool = False) -> str:
    """What the timeline calls ``action``; the public timeline has its own words."""
    spec = ACTIONS.get(action)
    return action if spec is None else str(spec.public_label if public and spec.public_label else spec.label)
