from django.urls import path

from . import views

urlpatterns = [
    path("moderation/", views.moderation, name="comment-moderation"),
    path("reports/<int:pk>/dismiss/", views.dismiss, name="comment-report-dismiss"),
    path("<int:pk>/edit/", views.edit, name="comment-edit"),
    path("<int:pk>/report/", views.report, name="comment-report"),
    path("<int:pk>/hide/", views.hide, name="comment-hide"),
    path("<int:pk>/unhide/", views.unhide, name="comment-unhide"),
    path("<str:kind>/<int:pk>/", views.thread, name="comment-thread"),
    path("<str:kind>/<int:pk>/mentions/", views.mention_suggestions, name="comment-mention-suggestions"),
]
