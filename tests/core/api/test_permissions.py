"""RulesPermission: API views ask the same django-rules permissions as the web views."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from apps.core.api.permissions import RulesPermission
from apps.exchange.models import ImportJob

pytestmark = pytest.mark.django_db

factory = APIRequestFactory()


class ImportView(APIView):
    permission_classes = [RulesPermission]
    permission_required = "exchange.import_proposals"

    def get(self, request):
        return Response({"ok": True})


class PerMethodView(APIView):
    permission_classes = [RulesPermission]
    permission_required = {"GET": "exchange.export_proposals", "POST": "exchange.import_proposals"}

    def get(self, request):
        return Response({})

    def post(self, request):
        return Response({})

    def put(self, request):
        return Response({})


@rules.predicate
def is_owner(user, job):
    return job is not None and job.created_by_id == user.pk


# An object rule of this test's own (the app has none it checks by object on a job).
rules.set_perm("tests.view_own_importjob", is_owner)


class JobView(APIView):
    permission_classes = [RulesPermission]
    permission_required = "tests.view_own_importjob"
    permission_denied_message = "자신이 올린 파일만 볼 수 있습니다."

    def get_permission_object(self):
        return ImportJob.objects.get(pk=self.kwargs["pk"])

    def get(self, request, pk):
        return Response({"pk": pk})


class UnconfiguredView(APIView):
    permission_classes = [RulesPermission]

    def get(self, request):
        return Response({})


def _call(view, user, method="get", **kwargs):
    request = getattr(factory, method)("/")
    if user is not None:
        force_authenticate(request, user=user)
    return view.as_view()(request, **kwargs)


def test_allows_whom_the_rule_allows(make_member):
    assert _call(ImportView, make_member("regional_official")).status_code == 200


def test_refuses_whom_the_rule_refuses(make_member):
    assert _call(ImportView, make_member("tf_staff")).status_code == 403


def test_refuses_a_superuser_without_the_role(django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.go.kr", "pw-1234!")

    assert _call(ImportView, root).status_code == 403


def test_allows_a_superuser_holding_the_role(make_member):
    official = make_member("regional_official")
    official.is_superuser = official.is_staff = True
    official.save()

    assert _call(ImportView, official).status_code == 200


def test_asks_an_anonymous_caller_to_sign_in():
    assert _call(ImportView, None).status_code == 401


def test_permission_per_method(make_member):
    tf = make_member("tf_staff")

    assert _call(PerMethodView, tf).status_code == 200
    assert _call(PerMethodView, tf, "post").status_code == 403
    assert _call(PerMethodView, make_member("vice_governor"), "post").status_code == 200
    assert _call(PerMethodView, make_member("vice_governor"), "head").status_code == 200


def test_a_method_left_out_of_the_mapping_is_refused(make_member):
    assert _call(PerMethodView, make_member("vice_governor"), "put").status_code == 403


def test_object_permission_uses_the_permission_object(make_member):
    owner, other = make_member("regional_official"), make_member("regional_official")
    job = ImportJob.objects.create(created_by=owner, original_name="목록.xlsx", size=1, sha256="0" * 64)

    assert _call(JobView, owner, pk=job.pk).status_code == 200
    refused = _call(JobView, other, pk=job.pk)
    assert refused.status_code == 403
    assert refused.data["detail"] == "자신이 올린 파일만 볼 수 있습니다."


def test_a_view_without_permission_required_is_a_configuration_error(make_member):
    with pytest.raises(ImproperlyConfigured):
        _call(UnconfiguredView, make_member("tf_staff"))


def test_anonymous_users_are_asked_the_rules_too():
    assert not AnonymousUser().has_perms(["exchange.export_proposals"])
