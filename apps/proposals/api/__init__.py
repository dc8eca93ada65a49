"""``/api/v1/`` of proposals (DESIGN.md §7): ``proposals`` (proposals, actions, timeline,
attachments) and ``consultations``.

Views are thin: input serializers check types (400), selectors scope every read to the
caller (404 for what they may not see, never revealing existence) and services do every
write, raising Http404 / PermissionDenied (403) / ValidationError (400) /
TransitionConflict (409), which ``common.service_errors`` maps to DRF responses.
"""

from django.urls import path

from .consultations import ConsultationDetailView, ConsultationListView, ConsultationRespondView
from .milestones import MilestoneDetailView, ProposalMilestoneListView
from .proposals import (
    ProposalActionView,
    ProposalAttachmentListView,
    ProposalDetailView,
    ProposalEventListView,
    ProposalListView,
)

urlpatterns = [
    path("proposals/", ProposalListView.as_view(), name="api-proposal-list"),
    path("proposals/<int:id>/", ProposalDetailView.as_view(), name="api-proposal-detail"),
    path("proposals/<int:id>/events/", ProposalEventListView.as_view(), name="api-proposal-events"),
    path("proposals/<int:id>/attachments/", ProposalAttachmentListView.as_view(), name="api-proposal-attachments"),
    path("proposals/<int:id>/milestones/", ProposalMilestoneListView.as_view(), name="api-proposal-milestones"),
    path("milestones/<int:id>/", MilestoneDetailView.as_view(), name="api-milestone-detail"),
    path("proposals/<int:id>/<proposal_action:action>/", ProposalActionView.as_view(), name="api-proposal-action"),
    path("consultations/", ConsultationListView.as_view(), name="api-consultation-list"),
    path("consultations/<int:id>/", ConsultationDetailView.as_view(), name="api-consultation-detail"),
    path("consultations/<int:id>/respond/", ConsultationRespondView.as_view(), name="api-consultation-respond"),
]
