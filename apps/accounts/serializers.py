"""Serializers for the accounts API: token login (input/output) and the caller's profile."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .models import Membership


class TokenObtainSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("아이디"), max_length=150, trim_whitespace=False)
    password = serializers.CharField(
        label=_("비밀번호"), max_length=128, trim_whitespace=False, style={"input_type": "password"}, write_only=True
    )

    default_error_messages = {"invalid_credentials": _("아이디 또는 비밀번호가 올바르지 않습니다.")}

    def validate(self, attrs):
        # django-axes counts failures and marks a lockout on Django's request, not DRF's wrapper.
        request = self.context.get("request")
        request = getattr(request, "_request", request)
        user = authenticate(request=request, username=attrs["username"], password=attrs["password"])
        # Inactive users are refused by the backend too: one message, revealing nothing.
        if user is None or not user.is_active:
            self.fail("invalid_credentials")
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True, help_text="`Authorization: Token <token>` 헤더로 보냅니다.")
    expiry = serializers.DateTimeField(
        read_only=True, help_text="지금의 만료 시각: 사용할 때마다 늦춰지며 발급 후 30일을 넘지 않습니다."
    )


class MembershipSerializer(serializers.ModelSerializer):
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    scope = serializers.CharField(read_only=True, help_text="역할의 범위: region, department, regional_office, …")
    body = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    department = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    regional_office = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Membership
        fields = [
            "role",
            "role_label",
            "scope",
            "title",
            "body",
            "region",
            "department",
            "regional_office",
            "organisation",
            "valid_from",
            "valid_to",
        ]
        read_only_fields = fields


# The caller; ``memberships`` are those valid today (``accounts.selectors.active_memberships``).
class MeSerializer(serializers.Serializer):
    username = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    email = serializers.EmailField(read_only=True)
    position = serializers.CharField(read_only=True)
    affiliation = serializers.CharField(read_only=True)
    memberships = MembershipSerializer(many=True, read_only=True, help_text="오늘 유효한 역할")

    @classmethod
    def for_user(cls, user, memberships):
        fields = ("username", "name", "email", "position", "affiliation")
        return cls({**{field: getattr(user, field) for field in fields}, "memberships": memberships})
