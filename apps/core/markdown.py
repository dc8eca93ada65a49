"""Markdown to safe HTML: markdown-it renders, nh3 (ammonia) removes anything unsafe.

``RenderedBodyMixin`` keeps a model's ``body`` rendered beside it, stamped with
``RENDERING``: a list of 50 proposals would otherwise parse 50 texts on every request."""

from importlib.metadata import version

import nh3
from django.db import models
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "a",
}  # fmt: skip

# What produced a stored rendering. Bump the first part when render_markdown's output
# changes (options, allow-list); a library upgrade changes the rest by itself. A row stamped
# otherwise is rendered afresh when read, so a stale stamp costs time, never correctness.
RENDERING = f"1:markdown-it-py {version('markdown-it-py')}:nh3 {version('nh3')}"


def render_markdown(text: str) -> str:
    html = _renderer.render(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def rendered_body(body: str) -> dict:
    """The stored-rendering fields for ``body``, for paths that bypass ``save()`` (bulk_create)."""
    return {"body_html": render_markdown(body), "body_rendering": RENDERING}


class RenderedBodyMixin(models.Model):
    """``body`` rendered whenever it is saved; ``body_as_html()`` is what pages and the API show."""

    body_html = models.TextField(editable=False, blank=True, default="")
    body_rendering = models.CharField(editable=False, blank=True, default="", max_length=100)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        body_saved = "body" in update_fields if update_fields is not None else "body" not in self.get_deferred_fields()
        if body_saved:
            for name, value in rendered_body(self.body).items():
                setattr(self, name, value)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "body_html", "body_rendering"}
        super().save(*args, **kwargs)

    def body_as_html(self) -> SafeString:
        # nh3 keeps only the allow-list above, so the result is safe to insert.
        if self.body_rendering == RENDERING:
            return mark_safe(self.body_html)  # noqa: S308
        return mark_safe(render_markdown(self.body))  # noqa: S308
