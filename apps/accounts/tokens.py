"""The life of API tokens (django-rest-knox) and sessions: issue, list, revoke one, revoke
all (password change, deactivation), and log out everywhere."""

from django.contrib.auth import logout
from django.db import transaction
from django.db.models import F
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone
from knox.models import AuthToken

from .models import User


def token_issue(*, user) -> tuple[AuthToken, str]:
    """A new token for ``user``: only its digest is stored; the key is returned once."""
    return AuthToken.objects.create(user=user)


def tokens_live(*, user):
    """The person's tokens that have not expired, newest first."""
    now = timezone.now()
    return AuthToken.objects.filter(user=user).exclude(expiry__lt=now).order_by("-created")


def token_revoke(*, user, token_key: str) -> int:
    """Revoke the person's token(s) starting with ``token_key``; another's is never touched."""
    deleted, _rows = AuthToken.objects.filter(user=user, token_key=token_key).delete()
    return deleted


def tokens_revoke_all(*, user) -> int:
    deleted, _rows = AuthToken.objects.filter(user=user).delete()
    return deleted


@transaction.atomic
def logout_everywhere(*, request) -> None:
    """Revoke every token of the signed-in person and end every session of theirs,
    this one included."""
    user = request.user
    tokens_revoke_all(user=user)
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    logout(request)


@receiver(pre_save, sender=User, dispatch_uid="accounts.tokens.revoke_on_password_or_deactivation")
def _revoke_on_password_change_or_deactivation(sender, instance, raw=False, **kwargs):
    """A password change (``set_password`` leaves ``_password`` set until the save) or a
    deactivation revokes every API token. Sessions follow from the session hash."""
    if raw or instance.pk is None:
        return
    if getattr(instance, "_password", None) is not None or not instance.is_active:
        tokens_revoke_all(user=instance)
