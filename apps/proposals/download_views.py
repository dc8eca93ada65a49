"""Downloading a proposal's attachment: only for those who may see the proposal.

The lead wires ``download_urlpatterns`` into the site's URLconf (name
``proposal-attachment-download``).
"""

import unicodedata
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.urls import path
from django.views.decorators.http import require_safe

from .models import Attachment, ConsultationReplyFile, Proposal


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback and the exact name as RFC 5987 ``filename*``
    (Korean names survive in every current browser; old ones get the fallback)."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    ascii_name = "".join(ch for ch in ascii_name if ch.isprintable() and ch not in '"\\;').strip()
    stem_missing = not ascii_name or ascii_name.startswith(".")
    fallback = f"attachment{ascii_name}" if stem_missing else ascii_name
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


@require_safe
@login_required
def attachment_download(request, proposal_id: int, attachment_id: int):
    proposal = Proposal.objects.filter(pk=proposal_id).first()
    readable = ("proposals.view_proposal", "proposals.read_consulted_proposal")
    if proposal is None or not any(request.user.has_perm(name, proposal) for name in readable):
        raise Http404
    attachment = Attachment.objects.filter(pk=attachment_id, proposal=proposal).first()
    if attachment is None:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition(attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    # Even if a browser renders it, the file runs no script and reaches no origin.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@login_required
def consultation_reply_file(request, file_id: int):
    """A file attached to a consultation reply: for whoever may see the consultation."""
    row = ConsultationReplyFile.objects.select_related("reply__consultation__proposal").filter(pk=file_id).first()
    if row is None or not request.user.has_perm("proposals.view_consultation", row.reply.consultation):
        raise Http404
    try:
        handle = row.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=row.content_type)
    response["Content-Disposition"] = content_disposition(row.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


download_urlpatterns = [
    path(
        "proposals/<int:proposal_id>/attachments/<int:attachment_id>/download/",
        attachment_download,
        name="proposal-attachment-download",
    ),
    path("consultations/files/<int:file_id>/", consultation_reply_file, name="consultation-reply-file"),
]
