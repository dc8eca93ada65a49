"""``{% comment_thread target %}``: a target's discussion as the viewer may see it."""

from django import template

from ..forms import CommentForm
from ..models import target_kind_of
from ..selectors import thread_for

register = template.Library()


def thread_context(request, target, *, form=None, error="", status_message="") -> dict:
    user = request.user
    thread = thread_for(user, target)
    kind = target_kind_of(target)
    return {
        "thread": thread,
        "kind": kind,
        "target": target,
        "thread_id": f"comments-{kind}-{target.pk}",
        "form": form or CommentForm(),
        "error": error,
        "status_message": status_message,
        "request": request,
        "user": user,
    }


@register.inclusion_tag("comments/_thread_body.html", takes_context=True)
def comment_thread(context, target):
    request = context["request"]
    result = thread_context(request, target)
    result["csrf_token"] = context.get("csrf_token")
    result["with_status"] = True
    return result


@register.filter
def comment_href(comment) -> str:
    """Where ``comment`` is read: its target's page at the comment."""
    from ..links import comment_url

    return comment_url(comment)
