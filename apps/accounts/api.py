"""``/api/v1/auth/token/`` and ``/api/v1/me/``."""

from django.contrib.auth.signals import user_logged_in
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.authentication import StrictTokenAuthentication
from apps.core.api.schema import FIELD_ERRORS, NOT_AUTHENTICATED, TOO_MANY
from apps.core.api.throttles import TokenIssueThrottle

from .selectors import active_memberships
from .serializers import MeSerializer, TokenObtainSerializer, TokenSerializer
from .tokens import token_issue


class ObtainTokenView(APIView):
    """Exchange a username and password for a new API token (POST); revoke the token the
    call is made with (DELETE)."""

    # Tokens only, never the session: a stale session must not make this endpoint demand
    # a CSRF token. POST does not authenticate at all (an expired token in the header must
    # not stop a new one being issued); DELETE needs the token it revokes.
    authentication_classes = [StrictTokenAuthentication]
    throttle_classes = [TokenIssueThrottle]

    def get_permissions(self):
        return [IsAuthenticated()] if self.request.method == "DELETE" else [AllowAny()]

    def perform_authentication(self, request):
        if request.method != "POST":
            super().perform_authentication(request)

    @extend_schema(
        tags=["auth"],
        summary="API 토큰 발급",
        description=(
            "아이디와 비밀번호로 새 API 토큰을 받습니다. 이후 요청에 `Authorization: Token <token>` 헤더를 "
            "보냅니다. 토큰은 마지막 사용 후 8시간, 발급 후 30일이 지나면 만료되며(`expiry`는 현재 만료 "
            "시각, 사용할 때마다 늦춰짐), 비밀번호 변경·계정 중지·모든 곳에서 로그아웃 시 폐기됩니다. "
            "같은 아이디나 주소에서 5번 실패하면 15분간 잠깁니다(429). 2단계 인증을 쓰는 계정(운영 환경의 "
            "국토부 담당자·관리자)은 인증 앱의 6자리 코드나 백업 코드를 `otp`로 함께 보냅니다: 없거나 틀리면 "
            "`otp` 필드 오류(400)이고, 틀린 코드도 실패로 셉니다."
        ),
        request=TokenObtainSerializer,
        responses={200: TokenSerializer, 400: FIELD_ERRORS, 429: TOO_MANY},
        auth=[],
    )
    def post(self, request):
        serializer = TokenObtainSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        # A token issue is a login: the access log (django-axes) and last_login record it.
        user_logged_in.send(sender=type(user), request=request._request, user=user)
        instance, key = token_issue(user=user)
        return Response(TokenSerializer({"token": key, "expiry": instance.expiry}).data, status=status.HTTP_200_OK)

    @extend_schema(
        tags=["auth"],
        summary="API 토큰 폐기",
        description="이 요청에 쓴 토큰을 폐기합니다. 이후 그 토큰은 401을 받습니다.",
        request=None,
        responses={204: None, 401: NOT_AUTHENTICATED},
    )
    def delete(self, request):
        request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    """The caller and the memberships valid today."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["auth"],
        summary="내 정보와 오늘 유효한 역할",
        description="로그인한 사용자와 오늘 유효한 역할(역할, 범위 코드, 기구, 유효 기간)을 돌려줍니다.",
        responses={200: MeSerializer, 401: NOT_AUTHENTICATED},
    )
    def get(self, request):
        return Response(MeSerializer.for_user(request.user, active_memberships(request.user)).data)
