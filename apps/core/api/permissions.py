"""One DRF permission class for every API view, built on the django-rules permissions
the web views check too (one source of truth, CONVENTIONS.md "Permissions").

A view names what it needs the way a Django view does::

    class ProposalDecideView(APIView):
        permission_classes = [RulesPermission]
        permission_required = "proposals.decide_proposal"

        def get_permission_object(self):
            # 404 (not 403) for what the caller may not see at all.
            return get_object_or_404(proposal_list(self.request.user), pk=self.kwargs["pk"])

- ``permission_required``: one name, a sequence of names (all required), or a mapping
  from HTTP method to either (HEAD as GET; a method left out is refused), e.g.
  ``{"GET": "comments.view_comment", "POST": "comments.add_comment"}``. A view may
  compute it instead in ``get_permission_required()``.
- With ``get_permission_object()`` the rules get that object before the handler runs;
  without it they are asked with no object, and again with the object when the view
  calls ``get_object()`` (DRF's ``has_object_permission``).
- Refused: 401 for an anonymous caller (DRF asks for credentials), 403 otherwise, with
  the view's ``permission_denied_message`` when it has one.

Superusers get no exception here: ``User.has_perm`` lets the rules decide for everyone.
"""

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured
from rest_framework.permissions import BasePermission


def required_permissions(view, method: str) -> tuple[str, ...]:
    """The rule names ``view`` needs for a request with ``method``."""
    if hasattr(view, "get_permission_required"):
        required = view.get_permission_required()
    else:
        required = getattr(view, "permission_required", None)
        if required is None:
            raise ImproperlyConfigured(
                f"{type(view).__name__} uses RulesPermission without permission_required or get_permission_required()."
            )
    if isinstance(required, Mapping):
        method = method.upper()
        required = required.get("GET" if method == "HEAD" else method)
        if required is None:
            return ()
    return (required,) if isinstance(required, str) else tuple(required)


class RulesPermission(BasePermission):
    def has_permission(self, request, view):
        obj = view.get_permission_object() if hasattr(view, "get_permission_object") else None
        return self._allowed(request, view, obj)

    def has_object_permission(self, request, view, obj):
        return self._allowed(request, view, obj)

    def _allowed(self, request, view, obj) -> bool:
        names = required_permissions(view, request.method)
        if getattr(view, "permission_denied_message", None):
            self.message = view.permission_denied_message
        # An empty tuple (a method the mapping leaves out) is a refusal, not a pass.
        return bool(names) and request.user.has_perms(names, obj)
