"""Reads of notifications: always the viewer's own, never anyone else's."""

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from apps.core.api.filters import StrictBooleanFilter
from apps.core.ids import parse_id

from .models import Kind, Notification


def notifications_for(user) -> QuerySet:
    """The person's notifications, newest first, with what the list shows preloaded."""
    if user is None or not user.is_authenticated:
        return Notification.objects.none()
    return (
        Notification.objects.filter(recipient=user)
        .select_related("proposal__region", "event")
        .order_by("-created_at", "-pk")
    )


def notification_get(user, pk) -> Notification | None:
    """One of the person's own notifications, else None (the caller answers 404)."""
    pk = parse_id(pk)
    if pk is None:
        return None
    return notifications_for(user).filter(pk=pk).first()


def unread_count(user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


class NotificationFilter(django_filters.FilterSet):
    unread = StrictBooleanFilter(
        method="filter_unread",
        label=_("읽음 여부"),
        widget=forms.Select(choices=[("", _("전체")), ("true", _("읽지 않은 알림")), ("false", _("읽은 알림"))]),
    )
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label=_("종류"), empty_label=_("전체"))

    class Meta:
        model = Notification
        fields = ["unread", "kind"]

    def filter_unread(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(read_at__isnull=value)
