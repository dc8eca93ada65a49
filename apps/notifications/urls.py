from django.urls import path

from . import views

urlpatterns = [
    path("", views.notification_list, name="notification-list"),
    path("badge/", views.notification_badge, name="notification-badge"),
    path("read-all/", views.notification_read_all, name="notification-read-all"),
    path("preferences/", views.notification_preferences, name="notification-preferences"),
    path("<int:pk>/read/", views.notification_read, name="notification-read"),
    path("<int:pk>/open/", views.notification_open, name="notification-open"),
]
