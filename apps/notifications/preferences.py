"""How each person hears of each kind by e-mail: immediately, in the daily digest, or not
at all (in-app is always on).

Without an explicit choice the default follows the role the person is addressed in:
what they must act on now comes at once (an official: info requested, decided; a
reviewer: assigned, due soon; a vice-governor: endorsement requested), what they only
need to know about comes in the morning digest (the TF: newly submitted proposals).
A person holding several roles gets the most urgent of their roles' defaults.
"""

from apps.accounts.models import Role

from .models import Channel, Kind, NotificationPreference

K, NOW, D = Kind, Channel.IMMEDIATE, Channel.DIGEST
IN_LIST_LIMIT = 500
URGENCY = {Channel.IMMEDIATE: 2, Channel.DIGEST: 1, Channel.OFF: 0}

# Kinds someone is asked to act on, or that concern a deadline: immediate for everyone.
ALWAYS_IMMEDIATE = frozenset(
    {K.DUE_SOON, K.OVERDUE, K.ESCALATED, K.CONSULTATION_REQUESTED, K.MEETING_INVITED, K.MEETING_CHANGED,
     K.MENTIONED, K.REPLIED, K.COMMENT_HIDDEN, K.MILESTONE_DUE_SOON, K.MILESTONE_LATE, K.CONSULTATION_DUE_SOON,
     K.CONSULTATION_OVERDUE}
)  # fmt: skip

ROLE_DEFAULTS: dict[str, dict[str, str]] = {
    Role.REGIONAL_OFFICIAL: {
        K.RETURNED: NOW, K.SUBMITTED: D, K.INFO_REQUESTED: NOW, K.ASSIGNED: D, K.DECIDED: NOW, K.FOLLOWUP_UPDATED: D,
        K.EXTENDED: NOW, K.UPHELD: NOW, K.REOPENED: D, K.COMPLETED: NOW, K.REFERRED: NOW, K.MERGED: NOW, K.WITHDRAWN: D,
        K.INTERIM_NOTICE: D,
    },
    Role.VICE_GOVERNOR: {
        K.ENDORSEMENT_REQUESTED: NOW, K.INFO_REQUESTED: NOW, K.ASSIGNED: D, K.DECIDED: NOW, K.FOLLOWUP_UPDATED: D,
        K.EXTENDED: D, K.UPHELD: NOW, K.REOPENED: D, K.COMPLETED: D, K.REFERRED: D, K.MERGED: D, K.WITHDRAWN: D,
        K.INTERIM_NOTICE: D,
    },
    Role.LIAISON: {K.DECIDED: D},
    Role.TF_STAFF: {
        K.SUBMITTED: D, K.RESUBMITTED: NOW, K.DECLINED: NOW, K.DECIDED: D, K.COMPLETED: D, K.REFERRED: D,
        K.MERGED: D, K.WITHDRAWN: D, K.REREVIEW: D, K.REREVIEW_DUE: D,
    },
    Role.TF_LEAD: {
        K.SUBMITTED: D, K.RESUBMITTED: D, K.DECLINED: D, K.DECIDED: D, K.APPEALED: NOW, K.COMPLETED: D,
        K.REFERRED: D, K.MERGED: D, K.WITHDRAWN: D, K.REREVIEW: D, K.REREVIEW_DUE: D,
    },
    Role.DEPT_REVIEWER: {
        K.ASSIGNED: NOW, K.CONSULTATION_ANSWERED: NOW, K.APPEALED: NOW, K.UPHELD: D, K.REOPENED: NOW, K.COMPLETED: D,
        K.REFERRED: D, K.MERGED: D, K.WITHDRAWN: D, K.REREVIEW: NOW,
    },
}  # fmt: skip


def default_channel(kind: str, roles) -> str:
    """The default for ``kind`` for someone addressed in ``roles``."""
    if kind in ALWAYS_IMMEDIATE:
        return Channel.IMMEDIATE
    choices = [ROLE_DEFAULTS.get(role, {}).get(kind) for role in roles]
    choices = [choice for choice in choices if choice]
    if not choices:
        return Channel.IMMEDIATE
    return max(choices, key=URGENCY.__getitem__)


def channels_for(kind: str, people: dict[int, set[str]]) -> dict[int, str]:
    """``{user_id: channel}`` for ``kind``: explicit choices (one query), else defaults."""
    choices = NotificationPreference.objects.filter(kind=kind)
    if len(people) <= IN_LIST_LIMIT:  # a large fan-out reads the kind's few choices instead of a huge IN list
        choices = choices.filter(user_id__in=list(people))
    chosen = dict(choices.values_list("user_id", "channel"))
    return {user_id: chosen.get(user_id) or default_channel(kind, roles) for user_id, roles in people.items()}


def user_channels(user, roles) -> dict[str, str]:
    """Every kind's channel for one person (the preferences page): choice or default."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channel"))
    return {kind: chosen.get(kind) or default_channel(kind, roles) for kind in Kind.values}


def user_defaults(roles) -> dict[str, str]:
    return {kind: default_channel(kind, roles) for kind in Kind.values}
