from .selectors import active_memberships


def current_roles(request):
    """The signed-in person's active memberships, for the header."""
    user = getattr(request, "user", None)
    return {"current_memberships": active_memberships(user) if user is not None else []}
