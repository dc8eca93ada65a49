from django.urls import path

from . import views

urlpatterns = [
    path("", views.proposal_list, name="proposal-list"),
    path("mine/", views.proposal_mine, name="proposal-mine"),
    path("endorsements/", views.proposal_endorsements, name="proposal-endorsements"),
    path("triage/", views.proposal_triage, name="proposal-triage"),
    path("inbox/", views.proposal_inbox, name="proposal-inbox"),
    path("workload/", views.proposal_workload, name="proposal-workload"),
    path("new/", views.proposal_new, name="proposal-new"),
    path("merge-targets/", views.merge_targets, name="proposal-merge-targets"),
    path("consultations/", views.consultation_list, name="consultation-list"),
    path("consultations/<int:pk>/answer/", views.consultation_answer, name="consultation-answer"),
    path("consultations/replies/<int:pk>/edit/", views.consultation_reply_edit, name="consultation-reply-edit"),
    path("<int:pk>/", views.proposal_detail, name="proposal-detail"),
    path("<int:pk>/edit/", views.proposal_edit, name="proposal-edit"),
    path("<int:pk>/action/<str:action>/", views.proposal_action, name="proposal-action"),
    path("<int:pk>/consult/", views.proposal_consult, name="proposal-consult"),
    path("<int:pk>/decide/", views.proposal_decide, name="proposal-decide"),
    path("<int:pk>/attachments/", views.proposal_attach, name="proposal-attach"),
]
