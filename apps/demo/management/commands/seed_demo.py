import logging
import time

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.accounts.services import membership_add, resolve_scope, user_provision
from apps.demo.clock import History
from apps.demo.meetings import plan_meetings
from apps.demo.people import DEMO_PASSWORD, demo_journeys, demo_people, history_start
from apps.demo.proposals import plan_proposals


class Command(BaseCommand):
    help = "시연용 사람·역할·건의과제를 만듭니다(여러 번 실행해도 같은 결과). Creates the demo world (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-proposals",
            action="store_true",
            help="사람·역할만 만들고 시연 건의과제는 만들지 않습니다 / people and roles only.",
        )

    def handle(self, *args, **options):
        # Production does not install apps.demo (manage.py answers "Unknown command"); this
        # refuses too should a production settings module install it after all: demo people
        # share one printed password and one of them is a superuser.
        if getattr(settings, "IS_PRODUCTION", False):
            raise CommandError(
                "seed_demo refuses to run under production settings: demo accounts share a published "
                "password. / 운영 설정에서는 시연 데이터를 만들 수 없습니다(시연 계정은 공개된 같은 "
                "비밀번호를 씁니다)."
            )
        with transaction.atomic():
            people = demo_people()
            created = 0
            # Hash the shared demo password once: hashing it per person took ~0.4 s each.
            demo_password_hash = make_password(DEMO_PASSWORD)
            for person in people:
                user, _ = user_provision(
                    username=person.username,
                    password=None,
                    name=person.name,
                    email=f"{person.username}@demo.balance.go.kr",
                    position=person.position,
                    affiliation=person.affiliation,
                )
                if not user.has_usable_password():
                    user.password = demo_password_hash
                if person.username == "operator":
                    user.is_staff = user.is_superuser = True
                user.save()
                scope = resolve_scope(
                    role=person.role,
                    region_code=person.scope.get("region"),
                    department_code=person.scope.get("department"),
                    organisation_code=person.scope.get("organisation"),
                    office_code=person.scope.get("office"),
                )
                _, was_created = membership_add(
                    user=user,
                    role=person.role,
                    title=person.position,
                    valid_from=person.valid_from or history_start(scope.get("region")),
                    valid_to=person.valid_to,
                    **scope,
                )
                created += was_created
        if options["without_proposals"]:
            self._print_logins(people, created)
            return
        # After the people: they file, review and answer proposals and hold the meetings, in one
        # history played in time order (a council sees the proposals as they stood on its day).
        started = time.monotonic()
        history = History()
        result = plan_proposals(history)
        meetings = plan_meetings(history)
        # Every demo notification is one in-process task; its "succeeded" line would bury
        # the logins printed above.
        trace = logging.getLogger("celery.app.trace")
        level = trace.level
        trace.setLevel(logging.WARNING)
        try:
            history.play()
        finally:
            trace.setLevel(level)
        self.stdout.write(
            self.style.SUCCESS(
                f"시연 건의과제 준비 완료: {result.total}건(새로 만듦 {result.created}건, "
                f"통합 전 광주·전남 {result.historical}건 포함), {time.monotonic() - started:.1f}초"
            )
        )
        self.stdout.write(self.style.SUCCESS(meetings.summary))
        # Last, so a newcomer finds the logins at the bottom of the output.
        self._print_logins(people, created)
        self._print_journeys(people)

    def _print_logins(self, people, created):
        out = self.stdout
        out.write(self.style.SUCCESS(f"시연 데이터 준비 완료: {len(people)}명, 새 역할 {created}건"))
        out.write(f"모든 시연 계정의 비밀번호 / password for every demo login: {DEMO_PASSWORD}")
        out.write(f"{'아이디 username':<22} {'역할 role':<18} {'이름':<6} 소속")
        for person in people:
            period = f" ({person.valid_from}~{person.valid_to})" if person.valid_to else ""
            out.write(f"{person.username:<22} {person.role:<18} {person.name:<6} {person.affiliation}{period}")

    def _print_journeys(self, people):
        """Per region, who worked on its proposals: log in as them in turn to follow one."""
        journeys = demo_journeys(people)
        if not journeys:
            return
        out = self.stdout
        out.write("")
        out.write("같은 건의과제를 함께 다루는 계정(지역별) / who works on the same proposals, by region:")
        for region, steps in journeys:
            out.write(f"  {region}: {' → '.join(', '.join(step) for step in steps)}")
