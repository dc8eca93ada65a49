import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.accounts.models import Role
from apps.accounts.services import membership_add, resolve_scope, user_provision


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"날짜 형식이 올바르지 않습니다(YYYY-MM-DD): {value}") from error


class Command(BaseCommand):
    help = (
        "사용자를 만들거나 찾아 역할(소속)을 추가합니다. 여러 번 실행해도 같은 결과입니다. "
        "Create or find a user and add a dated membership (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, help=", ".join(Role.values))
        parser.add_argument("--region", help="지역 코드 (예: 51)")
        parser.add_argument("--department", help="부서 코드 (예: 국토정책과)")
        parser.add_argument("--organisation", help="협력기관 코드 (예: KRIHS, LH)")
        parser.add_argument("--office", help="지방조직 코드 (regional_office 역할, 예: 원주지방국토관리청)")
        parser.add_argument("--password")
        parser.add_argument("--name", default="", help="성명")
        parser.add_argument("--email", default="")
        parser.add_argument("--title", default="", help="직함 (예: 행정부지사)")
        parser.add_argument("--valid-from", type=_date)
        parser.add_argument("--valid-to", type=_date)

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                scope = resolve_scope(
                    role=options["role"],
                    region_code=options["region"],
                    department_code=options["department"],
                    organisation_code=options["organisation"],
                    office_code=options["office"],
                )
                user, user_created = user_provision(
                    username=options["username"],
                    password=options["password"],
                    name=options["name"],
                    email=options["email"],
                )
                membership, created = membership_add(
                    user=user,
                    role=options["role"],
                    title=options["title"],
                    valid_from=options["valid_from"],
                    valid_to=options["valid_to"],
                    **scope,
                )
        except ValidationError as error:
            raise CommandError(_format(error)) from error
        user_note = "사용자 생성" if user_created else "기존 사용자"
        membership_note = "역할 추가" if created else "이미 있는 역할(변경 없음)"
        self.stdout.write(f"{user.username}: {user_note}, {membership_note} — {membership}")


def _format(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "\n".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
    return " ".join(error.messages)
