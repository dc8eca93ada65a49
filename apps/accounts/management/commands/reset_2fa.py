from django.core.management.base import BaseCommand, CommandError

from apps.accounts.models import User
from apps.accounts.two_factor import two_factor_reset


class Command(BaseCommand):
    help = (
        "사용자의 2단계 인증(인증 앱, 백업 코드)을 초기화합니다. 로그인과 API 토큰이 모두 끝나고, 다음 로그인 때 "
        "다시 등록합니다. Reset a person's two-factor devices (lost phone)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as error:
            raise CommandError(f"사용자가 없습니다: {username}") from error
        removed = two_factor_reset(user=user)
        self.stdout.write(f"{username}: 2단계 인증 기기 {removed}개를 지웠습니다. 다음 로그인 때 다시 등록합니다.")
