from rest_framework import serializers

from .models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    """One of the caller's notifications (output only)."""

    kind_display = serializers.CharField(source="get_kind_display", read_only=True, help_text="종류(한국어)")
    proposal = serializers.IntegerField(source="proposal_id", read_only=True, allow_null=True, help_text="건의과제 id")
    proposal_reference = serializers.SerializerMethodField(help_text="건의과제 번호 (없으면 null)")
    url = serializers.CharField(read_only=True, help_text="웹에서 대상 화면의 주소(사이트 기준 경로)")
    is_read = serializers.BooleanField(read_only=True)
    title = serializers.CharField(source="shown_title", read_only=True, help_text="제목(요청 언어)")
    body = serializers.CharField(source="shown_body", read_only=True, help_text="내용(요청 언어)")

    class Meta:
        model = Notification
        fields = [
            "id", "kind", "kind_display", "title", "body", "url", "proposal", "proposal_reference", "created_at",
            "read_at", "is_read", "email_state",
        ]  # fmt: skip
        read_only_fields = fields

    def get_proposal_reference(self, notification) -> str | None:
        return notification.proposal.reference if notification.proposal_id else None
