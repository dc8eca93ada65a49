from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import TextPolicyFormMixin

from .models import Channel, Kind

# The preferences page groups the kinds as people think of them.
KIND_GROUPS = [
    (
        _("건의과제 처리"),
        [
            Kind.ENDORSEMENT_REQUESTED, Kind.RETURNED, Kind.SUBMITTED, Kind.INFO_REQUESTED, Kind.RESUBMITTED,
            Kind.ASSIGNED, Kind.DECLINED, Kind.CONSULTATION_REQUESTED, Kind.CONSULTATION_ANSWERED, Kind.DECIDED,
            Kind.FOLLOWUP_UPDATED, Kind.EXTENDED, Kind.APPEALED, Kind.UPHELD, Kind.REOPENED, Kind.COMPLETED,
            Kind.REFERRED, Kind.MERGED, Kind.WITHDRAWN, Kind.REREVIEW,
        ],
    ),
    (
        _("처리기한"),
        [Kind.DUE_SOON, Kind.OVERDUE, Kind.ESCALATED, Kind.INTERIM_NOTICE, Kind.REREVIEW_DUE],
    ),
    (
        _("회의·토론"),
        [Kind.MEETING_INVITED, Kind.MEETING_CHANGED, Kind.MINUTES_PUBLISHED, Kind.MENTIONED, Kind.REPLIED,
         Kind.COMMENT_HIDDEN],
    ),
]  # fmt: skip


class PreferencesForm(TextPolicyFormMixin, forms.Form):
    """One required choice (immediate / digest / off) per kind of notification."""

    def __init__(self, *args, initial_channels: dict[str, str], defaults: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.defaults = defaults
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Channel.choices,
                initial=initial_channels.get(kind.value),
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("수신 방법을 선택해 주세요."),
                    "invalid_choice": _("알 수 없는 선택입니다."),
                },
            )

    def groups(self):
        """``[(group label, [(bound field, default channel label), …]), …]`` for the table."""
        labels = dict(Channel.choices)
        return [
            (label, [(self[kind.value], labels[self.defaults[kind.value]]) for kind in kinds])
            for label, kinds in KIND_GROUPS
        ]
