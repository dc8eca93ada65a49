"""The registry's records of the accountability actions (issue 17): the follow-up plan's
milestones, the reviewer's information request during review and closing a consultation.
``registry.py`` puts them in ``SPECS`` in workflow order; the same rules hold as for
every record there."""

from django.utils.translation import gettext_lazy as _

from . import inputs, milestones, workflow
from . import predicates as p
from .registry import ActionSpec, Audience

P, PUB, INTERNAL = Audience.PARTICIPANTS, Audience.PUBLIC, Audience.INTERNAL
PLAN_UNMET = _("수용·일부수용·중장기검토로 결정된 과제만 추진계획을 세울 수 있습니다.")
PLAN_OWNERS = "주관부서 담당자·기획단 TF"

MILESTONE_PAYLOAD = {
    "milestone_id": PUB,
    "milestone_title": PUB,
    "milestone_kind": PUB,
    "milestone_planned_for": PUB,
    "milestone_done_on": PUB,
    "progress": PUB,
}

FOLLOWUP_SPECS = [
    ActionSpec(
        "add_milestone",
        _("추진 단계 등록"),
        rule=p.is_lead_reviewer | p.is_tf,
        input=inputs.AddMilestoneInput,
        apply=milestones.apply_add_milestone,
        done=_("추진 단계를 등록했습니다."),
        unmet=PLAN_UNMET,
        note_readers=P,
        payload=MILESTONE_PAYLOAD,
        public_label=_("추진 단계 등록"),
        notifies="followup_updated",
        who=PLAN_OWNERS,
    ),
    ActionSpec(
        "update_milestone",
        _("추진 단계 갱신"),
        rule=p.is_lead_reviewer | p.is_tf,
        input=inputs.UpdateMilestoneInput,
        apply=milestones.apply_update_milestone,
        done=_("추진 단계를 갱신했습니다."),
        unmet=PLAN_UNMET,
        note_readers=P,
        payload=MILESTONE_PAYLOAD,
        public_label=_("추진 단계 갱신"),
        notifies="followup_updated",
        who=PLAN_OWNERS,
    ),
]

# Fired during review, in workflow order after ``consult``.
REVIEW_SPECS = [
    ActionSpec(
        "ask_region",
        _("지역에 자료 요청"),
        rule=p.is_lead_reviewer,
        apply=workflow.apply_ask_region,
        done=_("지역에 자료를 요청했습니다. 회신할 때까지 처리기한이 멈춥니다."),
        note_label=_("요청 내용"),
        unmet=_("이미 지역에 자료를 요청했습니다. 지역의 회신을 기다려 주세요."),
        note_readers=P,
        notifies="info_requested",
        who="주관부서 담당자 (검토중, 회신 전까지 한 번)",
    ),
    ActionSpec(
        "answer_region_request",
        _("요청 자료 회신"),
        rule=p.is_region_author,
        apply=workflow.apply_resubmit,
        done=_("요청받은 자료를 회신했습니다."),
        note_label=_("회신 내용"),
        unmet=_("주관부서가 요청한 자료가 없습니다."),
        note_readers=P,
        payload={"paused_business_days": P, "due_at": P},
        notifies="region_answered",
        who="해당 지역 지자체 담당자·부지사",
    ),
    ActionSpec(
        "close_consultation",
        _("자문 종결"),
        rule=p.is_lead_reviewer | p.is_support_reviewer,
        input=inputs.CloseConsultationInput,
        apply=workflow.apply_close_consultation,
        done=_("자문을 종결했습니다."),
        unmet=_("종결할 자문이 없습니다. 회신 대기 중이거나 회신이 온 자문만 종결할 수 있습니다."),
        payload={"consultation": INTERNAL, "organisation": INTERNAL},
        who="주관·협조부서 담당자",
    ),
]

# After completion (only a completed proposal offers them, wherever they are listed).
FOLLOWUP_SPECS += [
    ActionSpec(
        "rate",
        _("처리 만족도 평가"),
        rule=p.is_region_author,
        input=inputs.RateInput,
        apply=milestones.apply_rate,
        done=_("처리 만족도를 남겼습니다."),
        unmet=_("만족도는 한 번만 남길 수 있습니다."),
        note_readers=P,
        payload={"score": PUB, "comment": PUB},
        public_label=_("지역의 처리 만족도"),
        who="해당 지역 지자체 담당자·부지사 (완료 후 한 번)",
    ),
    ActionSpec(
        "evaluate",
        _("성과 평가"),
        rule=p.is_tf,
        input=inputs.EvaluateInput,
        apply=milestones.apply_evaluate,
        done=_("성과 평가를 기록했습니다."),
        note_label=_("달라진 점"),
        unmet=_("성과 평가는 한 번만 기록할 수 있습니다."),
        payload={"what_changed": PUB, "indicator": PUB, "value": PUB, "source": PUB},
        public_label=_("성과 평가"),
        who="기획단 TF (완료 후 한 번)",
    ),
]

RECORDED_SPECS = [
    # An operator's correction in the Django admin (only ``is_public`` is editable there).
    ActionSpec(
        "admin_change",
        _("관리자 수정"),
        transition=False,
        note_readers=P,
        payload={"fields": P, "is_public": P},
    ),
]

FOLLOWUP_PAYLOAD_LABELS = {
    "score": _("만족도(1~5)"),
    "comment": _("의견"),
    "what_changed": _("달라진 점"),
    "indicator": _("성과 지표"),
    "value": _("지표 값"),
    "source": _("출처"),
    "is_public": _("공개"),
    "reasons": _("결정 유지 사유"),
    "appeal_until": _("재검토요청 기한"),
    "milestone_title": _("추진 단계"),
    "milestone_planned_for": _("예정일"),
    "milestone_done_on": _("완료일"),
}
