"""Calendar subscriptions: each person's secret feed token, made on first use and reset
on request (which kills the old URL)."""

from django.db import transaction

from ..models import CalendarFeedToken, new_feed_token


def feed_token_for(*, user) -> CalendarFeedToken:
    token, _created = CalendarFeedToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def feed_token_reset(*, user) -> CalendarFeedToken:
    token, _created = CalendarFeedToken.objects.update_or_create(user=user, defaults={"token": new_feed_token()})
    return token
