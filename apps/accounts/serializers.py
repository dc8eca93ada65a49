"""Serializers for the accounts API: token login (input/output) and the caller's profile."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from . import two_factor
from .models import Membership


class TokenObtainSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("아이디"), max_length=150, trim_whitespace=False)
    password = serializers.CharField(
        label=_("비밀번호"), max_length=128, trim_whitespace=False, style={"input_type": "password"}, write_only=True
    )
    otp = serializers.CharField(
        label=_("인증 코드"),
        max_length=16,
        required=False,
        allow_blank=True,
        write_only=True,
        help_text=(
            "2단계 인증을 쓰는 계정(운영 환경의 국토부 담당자·관리자)은 인증 앱의 6자리 코드나 백업 코드를 "
            "함께 보냅니다."
        ),
    )

    default_error_messages = {
        "invalid_credentials": _("아이디 또는 비밀번호가 올바르지 않습니다."),
        "not_enrolled": _(
            "이 계정은 2단계 인증을 먼저 등록해야 합니다. 웹에서 로그인해 인증 앱을 등록한 뒤 다시 시도해 주세요."
        ),
    }

    def validate(self, attrs):
        # django-axes counts failures and marks a lockout on Django's request, not DRF's wrapper.
        request = self.context.get("request")
        request = getattr(request, "_request", request)
        user = authenticate(request=request, username=attrs["username"], password=attrs["password"])
        # Inactive users are refused by the backend too: one message, revealing nothing.
        if user is None or not user.is_active:
            self.fail("invalid_credentials")
        if two_factor.second_factor_expected(user):
            self._check_second_factor(request, user, attrs.get("otp", ""))
        attrs["user"] = user
        return attrs

    def _check_second_factor(self, request, user, code):
        if not two_factor.has_second_factor(user):
            self.fail("not_enrolled")
        if not code.strip():
            missing = _("이 계정은 인증 앱의 6자리 코드(또는 백업 코드)를 otp로 함께 보내야 합니다.")
            raise serializers.ValidationError({"otp": missing})
        if two_factor.code_check(request=request, user=user, code=code) is None:
            raise serializers.ValidationError({"otp": _("인증 코드가 올바르지 않습니다.")})


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
