from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SimilarityConfig(AppConfig):
    name = "apps.similarity"
    verbose_name = _("유사 건의과제")

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_save

        from apps.proposals.models import Proposal, ProposalEvent
        from apps.proposals.services import proposal_event_created

        from . import indexing, services, synonyms
        from .models import SearchSynonym

        # Key terms are written inside the transaction that writes the proposal.
        post_save.connect(indexing.index_new_proposal, sender=Proposal, dispatch_uid="similarity.index_new")
        proposal_event_created.connect(
            indexing.reindex_edited_proposal, sender=ProposalEvent, dispatch_uid="similarity.reindex_edited"
        )
        # An action fired on a whole cluster names the cluster in each member's event.
        pre_save.connect(services.name_cluster_in_event, sender=ProposalEvent, dispatch_uid="similarity.cluster_event")
        # Search reads the synonym list from the cache: an edit in the admin clears it.
        post_save.connect(synonyms.forget, sender=SearchSynonym, dispatch_uid="similarity.synonyms_saved")
        post_delete.connect(synonyms.forget, sender=SearchSynonym, dispatch_uid="similarity.synonyms_deleted")
