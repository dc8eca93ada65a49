from django import template

from ..selectors import unread_count

register = template.Library()


@register.simple_tag
def unread_notification_count(user) -> int:
    """The header badge's first paint; htmx refreshes it from ``notification-badge``."""
    return unread_count(user)
