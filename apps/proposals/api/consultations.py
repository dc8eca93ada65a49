"""``/api/v1/consultations/``: 자문·의견조회 — asked by reviewers, answered by the organisation."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from apps.core.api.schema import FIELD_ERRORS, NOT_AUTHENTICATED

from .. import selectors, services
from ..models import Consultation
from ..serializers import ConsultationCreateSerializer, ConsultationRespondSerializer, ConsultationSerializer
from .common import CONFLICT, CONSULTATION_ID_PARAMETER, FORBIDDEN, NOT_VISIBLE, service_errors

# --- consultations ------------------------------------------------------------------------


def consultation_queryset(user):
    # Whether the caller may read question and answer depends on the proposal's support departments.
    return selectors.consultations_for(user).prefetch_related(
        Prefetch("proposal__support_departments"),
    )


def visible_consultation(user, pk) -> Consultation:
    consultation = consultation_queryset(user).filter(pk=pk).first()
    if consultation is None:
        raise exceptions.NotFound
    return consultation


class ConsultationAPIView(generics.GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = ConsultationSerializer
    filter_backends: list = []

    def get_queryset(self):
        return consultation_queryset(self.request.user)


@extend_schema_view(
    get=extend_schema(
        tags=["consultations"],
        summary="자문·의견조회 목록",
        description=(
            "호출자의 협력기관에 온 자문과, 호출자가 볼 수 있는 건의과제의 자문입니다. 자문기관에는 건의과제의 "
            "과제번호·제목·요약만 보입니다. 자문기관 소속도 아니고 내부 메모 권한도 없으면 `question`·`answer`는 "
            "`null`입니다."
        ),
        responses={200: ConsultationSerializer(many=True), 401: NOT_AUTHENTICATED},
    ),
    post=extend_schema(
        tags=["consultations"],
        summary="자문·의견조회 요청",
        description="주관·협조부서 담당자가 검토배정·검토중인 건의과제에 대해 협력기관에 묻습니다.",
        request=ConsultationCreateSerializer,
        responses={
            201: ConsultationSerializer,
            400: FIELD_ERRORS,
            401: NOT_AUTHENTICATED,
            403: FORBIDDEN,
            409: CONFLICT,
        },
    ),
)
class ConsultationListView(ConsultationAPIView, generics.ListCreateAPIView):
    def create(self, request, *args, **kwargs):
        serializer = ConsultationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        proposal = selectors.proposal_get(request.user, data["proposal"])
        if proposal is None:
            raise DjangoValidationError({"proposal": _("건의과제를 찾을 수 없습니다.")})
        with service_errors():
            consultation = services.consultation_request(
                proposal=proposal,
                actor=request.user,
                organisation=data["organisation"],
                question=data["question"],
                due_at=data.get("due_at"),
            )
        consultation = visible_consultation(request.user, consultation.pk)
        return Response(self.get_serializer(consultation).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        tags=["consultations"],
        summary="자문·의견조회 상세",
        parameters=[CONSULTATION_ID_PARAMETER],
        responses={200: ConsultationSerializer, 401: NOT_AUTHENTICATED, 404: NOT_VISIBLE},
    )
)
class ConsultationDetailView(ConsultationAPIView):
    def get(self, request, id):
        return Response(self.get_serializer(visible_consultation(request.user, id)).data)


@extend_schema_view(
    post=extend_schema(
        tags=["consultations"],
        summary="자문 회신",
        description=(
            "자문을 받은 협력기관 소속만 회신할 수 있습니다. 여러 구성원이 여러 번 회신할 수 있으며, "
            "요청 부서가 종결(`close_consultation`)한 자문은 409입니다."
        ),
        parameters=[CONSULTATION_ID_PARAMETER],
        request=ConsultationRespondSerializer,
        responses={
            200: ConsultationSerializer,
            400: FIELD_ERRORS,
            401: NOT_AUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_VISIBLE,
            409: CONFLICT,
        },
    )
)
class ConsultationRespondView(ConsultationAPIView):
    def post(self, request, id):
        consultation = visible_consultation(request.user, id)
        if not request.user.has_perm("proposals.respond_consultation", consultation):
            raise exceptions.PermissionDenied(_("자문을 받은 기관만 회신할 수 있습니다."))
        serializer = ConsultationRespondSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            consultation = services.consultation_respond(
                consultation=consultation, actor=request.user, answer=serializer.validated_data["answer"]
            )
        consultation = visible_consultation(request.user, consultation.pk)
        return Response(self.get_serializer(consultation).data)
