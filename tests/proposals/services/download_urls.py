"""A URLconf for the download tests: login plus the attachment download, whether or not
the site's URLconf has wired ``download_urlpatterns`` yet."""

from django.urls import include, path

from apps.proposals.download_views import download_urlpatterns

urlpatterns = [path("accounts/", include("apps.accounts.urls")), *download_urlpatterns]
