"""The people of the notification tests: ``tests.proposals.support.Cast`` plus the
reviewers of a support department and of an unrelated one, and a member of a second
consulted organisation."""

from apps.accounts.models import User
from apps.notifications.models import Notification
from apps.organisations.models import Department, PartnerOrganisation
from tests.factories import member
from tests.proposals.support import Cast

SUPPORT_DEPARTMENT = "도시정책과"
UNRELATED_DEPARTMENT = "국토정책과"
# Never concerned by a 강원 proposal assigned to 녹색도시과 (+ 도시정책과).
OUTSIDERS = {"other_official", "other_vice_governor", "other_reviewer", "unrelated_reviewer", "advisor",
             "other_institution", "forum_member", "admin"}  # fmt: skip


class NotifyCast(Cast):
    def __init__(self):
        super().__init__()
        self.people["support_reviewer"] = member(
            "dept_reviewer", department=Department.objects.get(code=SUPPORT_DEPARTMENT)
        )
        self.people["unrelated_reviewer"] = member(
            "dept_reviewer", department=Department.objects.get(code=UNRELATED_DEPARTMENT)
        )
        self.people["other_institution"] = member(
            "institution", organisation=PartnerOrganisation.objects.get(code="KORAIL")
        )
        self.names = {user.pk: name for name, user in self.people.items()}

    def heard(self, kind, proposal=None, **filters) -> set[str]:
        """Who of the cast has a notification of ``kind`` (about ``proposal``)."""
        rows = Notification.objects.filter(kind=kind, **filters)
        if proposal is not None:
            rows = rows.filter(proposal=proposal)
        return {self.names.get(pk, f"user:{pk}") for pk in rows.values_list("recipient_id", flat=True)}

    def user(self, name) -> User:
        return self[name]
