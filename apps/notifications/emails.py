"""Korean e-mails (HTML + plain text) with a link back to the platform.

Sent with Django's mail API, so the backend is whatever settings say: SMTP in
production, the console by default, locmem in tests.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from apps.core.text import clean_text


def absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL.rstrip("/") + "/" + url.lstrip("/")


def message_id(kind: str, *parts) -> str:
    """One Message-ID per e-mail the platform means to send, the same on every attempt: a
    worker that dies after the mail server accepted a message but before the row was marked
    sent leaves it to be sent again, and mail systems treat that copy as the same message."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{kind}-{'-'.join(str(part) for part in parts)}@{domain}>"


def _send(*, subject: str, template: str, context: dict, to: str, language: str = "", msgid: str = "") -> None:
    # Workers have no request: the e-mails are in the recipient's language (``language``),
    # by default the platform's, Korean.
    with translation.override(language or settings.LANGUAGE_CODE):
        site_name = _("균형발전 소통창구")
        context = {
            **context,
            "site_name": site_name,
            "site_url": settings.SITE_URL.rstrip("/"),
            "preferences_url": absolute(reverse("notification-preferences")),
            "centre_url": absolute(reverse("notification-list")),
        }
        text = render_to_string(f"notifications/email/{template}.txt", context)
        html = render_to_string(f"notifications/email/{template}.html", context)
        # One line: a header must not carry the newlines a title might hold.
        subject = " ".join(f"[{site_name}] {subject}".split())
    # Stored text from before the text policy (apps/core/text.py) may hold control characters.
    subject, text, html = clean_text(subject), clean_text(text), clean_text(html)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Message-ID": msgid} if msgid else None,
    )
    message.attach_alternative(html, "text/html")
    message.send(fail_silently=False)


def recipient_language(recipient) -> str:
    """The language a person's e-mails are written in: their preferred language where the
    account has one, else the platform's (Korean)."""
    return getattr(recipient, "preferred_language", "") or settings.LANGUAGE_CODE


def send_notification_email(notification, recipient) -> None:
    # Rendered now from the notification's kind and parameters, in the recipient's language.
    with translation.override(recipient_language(recipient)):
        subject = notification.shown_title
    _send(
        subject=subject,
        template="notification",
        context={"notification": notification, "recipient": recipient, "link": absolute(notification.url)},
        to=recipient.email,
        language=recipient_language(recipient),
        msgid=message_id("notification", notification.pk),
    )


def send_digest_email(recipient, notifications, on) -> None:
    groups: dict[str, list] = {}
    with translation.override(recipient_language(recipient)):
        for notification in notifications:
            groups.setdefault(str(notification.get_kind_display()), []).append(
                {"notification": notification, "link": absolute(notification.url)}
            )
        subject = _("%(date)s 알림 요약 (%(count)s건)") % {"date": on.strftime("%Y-%m-%d"), "count": len(notifications)}
    _send(
        subject=subject,
        template="digest",
        context={"recipient": recipient, "groups": groups, "date": on, "count": len(notifications)},
        to=recipient.email,
        language=recipient_language(recipient),
        msgid=message_id("digest", recipient.pk, on.isoformat()),
    )
