"""Serializers of the comments API: input checks types and lengths (400); output reads
the thread as the caller may see it (``selectors.visible_comments``)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.api.schema import NULLABLE_INTEGER, NULLABLE_STRING
from apps.core.markdown import render_markdown

from .models import BODY_MAX, Comment, Visibility


class CommentCreateSerializer(serializers.Serializer):
    body = serializers.CharField(label=_("내용(마크다운)"), max_length=BODY_MAX)
    visibility = serializers.ChoiceField(label=_("공개 범위"), choices=Visibility.choices, default=Visibility.INTERNAL)
    parent = serializers.IntegerField(
        label=_("답글 대상 댓글 id"), required=False, allow_null=True, min_value=1, max_value=2**63 - 1
    )

    def validate_body(self, value):
        if "\x00" in value:
            raise serializers.ValidationError(_("내용에 쓸 수 없는 문자가 있습니다."))
        return value


class AuthorSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="표시 이름(성명)")
    organisation = serializers.CharField(help_text="소속")
    username = serializers.CharField(
        required=False, help_text="아이디(@멘션용): 로그인한 사용자에게만 보입니다. 공개 응답에는 없습니다."
    )


class CommentSerializer(serializers.ModelSerializer):
    parent = serializers.SerializerMethodField(help_text="답글이면 보이는 상위 댓글 id")
    author = serializers.SerializerMethodField()
    body_html = serializers.SerializerMethodField(help_text="nh3로 정리한 HTML")
    visibility_display = serializers.CharField(source="get_visibility_display", read_only=True)
    hidden_reason = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = [
            "id", "parent", "author", "body", "body_html", "visibility", "visibility_display", "created_at",
            "edited_at", "is_hidden", "hidden_reason",
        ]  # fmt: skip

    @extend_schema_field(NULLABLE_INTEGER)
    def get_parent(self, comment):
        parents = self.context.get("parents")
        return parents.get(comment.pk) if parents is not None else comment.parent_id

    @extend_schema_field(AuthorSerializer)
    def get_author(self, comment):
        # The public sees a name and an organisation, never a login ID or an e-mail.
        author = comment.author
        data = {"name": author.name or gettext("이름 미등록 사용자"), "organisation": author.affiliation}
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            data["username"] = author.username
        return data

    @extend_schema_field(OpenApiTypes.STR)
    def get_body_html(self, comment):
        return render_markdown(comment.body)

    @extend_schema_field(NULLABLE_STRING)
    def get_hidden_reason(self, comment):
        return comment.hidden_reason if comment.is_hidden else None
