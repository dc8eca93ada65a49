"""``/api/v1/auth/token/`` and ``/api/v1/me/``."""

from django.contrib.auth.signals import user_logged_in
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from apps.core.api.schema import FIELD_ERRORS, NOT_AUTHENTICATED, TOO_MANY

from .selectors import active_memberships
from .serializers import MeSerializer, TokenObtainSerializer, TokenSerializer


class ObtainTokenView(APIView):
    """Exchange a username and password for the user's API token."""

    # No authentication: a stale session must not make this endpoint demand a CSRF token.
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    @extend_schema(
        tags=["auth"],
        summary="API 토큰 발급",
        description=(
            "아이디와 비밀번호로 API 토큰을 받습니다. 이후 요청에 `Authorization: Token <token>` 헤더를 보냅니다."
        ),
        request=TokenObtainSerializer,
        responses={
            200: TokenSerializer,
            400: FIELD_ERRORS,
            429: TOO_MANY,
        },
        auth=[],
    )
    def post(self, request):
        serializer = TokenObtainSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        # A token issue is a login: the access log (django-axes) and last_login record it.
        user_logged_in.send(sender=type(user), request=request._request, user=user)
        token, _created = Token.objects.get_or_create(user=user)
        return Response(TokenSerializer({"token": token.key}).data, status=status.HTTP_200_OK)


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
