"""Similar proposals: the key terms of each proposal (so that matching is a query), and
clusters (공통건의) of proposals the TF handles together."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.proposals.models import Proposal


class ProposalTerm(models.Model):
    """One key term of a proposal and its weight (``tokenizer.key_terms``).

    Matching joins on ``term`` (index ``term, proposal, weight`` covers it), so finding
    the proposals that share terms with a text reads only the rows of those terms.
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="similarity_terms")
    term = models.CharField(_("핵심어"), max_length=60)
    weight = models.FloatField(_("가중치"))

    class Meta:
        verbose_name = _("건의과제 핵심어")
        verbose_name_plural = _("건의과제 핵심어")
        constraints = [models.UniqueConstraint(fields=["proposal", "term"], name="unique_proposal_term")]
        indexes = [models.Index(fields=["term", "proposal", "weight"], name="similarity_term_lookup")]

    def __str__(self):
        return f"{self.proposal_id}:{self.term}"


class DocumentField(SearchVectorField):
    """A ``tsvector`` on PostgreSQL; plain text elsewhere (SQLite searches ``ProposalTerm``)."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class ProposalDocument(models.Model):
    """A proposal's key terms as one ``tsvector`` (``documents.py``): what search matches
    with ``@@`` through a GIN index and ranks with ``ts_rank`` on PostgreSQL.

    Written from the ``ProposalTerm`` rows whenever they are (``indexing.py``), never by a
    proposal's own ``save``, so a web request holding an older copy of the proposal cannot
    put back stale terms. Empty on SQLite.
    """

    proposal = models.OneToOneField(
        Proposal, primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    terms = DocumentField(_("검색 색인"))

    class Meta:
        verbose_name = _("건의과제 검색 색인")
        verbose_name_plural = _("건의과제 검색 색인")

    def __str__(self):
        return str(self.proposal_id)


class Cluster(models.Model):
    """공통건의: proposals of several regions asking for the same thing, triaged, assigned
    and decided together. Each member keeps its own region, reference and timeline."""

    title = models.CharField(_("공통건의 제목"), max_length=200)
    note = models.TextField(_("메모"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("묶은 사람"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("묶은 일시"), auto_now_add=True)

    class Meta:
        verbose_name = _("공통건의")
        verbose_name_plural = _("공통건의")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.label} {self.title}"

    @property
    def label(self) -> str:
        return f"공통건의 #{self.pk}"


class ClusterMember(models.Model):
    """A proposal's place in a cluster: a proposal belongs to at most one."""

    cluster = models.ForeignKey(Cluster, verbose_name=_("공통건의"), on_delete=models.CASCADE, related_name="members")
    proposal = models.OneToOneField(
        Proposal, verbose_name=_("건의과제"), on_delete=models.CASCADE, related_name="cluster_membership"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("추가한 사람"), on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("추가 일시"), auto_now_add=True)

    class Meta:
        verbose_name = _("공통건의 구성 과제")
        verbose_name_plural = _("공통건의 구성 과제")
        ordering = ["cluster", "proposal"]

    def __str__(self):
        return f"{self.cluster_id}:{self.proposal_id}"


class SearchSynonym(models.Model):
    """A name people search by (그린벨트, GTX) for the name the documents use
    (개발제한구역, 광역급행철도). Operators keep the list in the admin; search reads it at
    query time (``synonyms.py``), so a new entry works at once, without re-indexing."""

    term = models.CharField(
        _("검색어"), max_length=60, unique=True, help_text=_("사람들이 검색하는 이름. 예: 그린벨트, GTX")
    )
    canonical = models.CharField(
        _("표준어"), max_length=60, help_text=_("문서에 쓰이는 이름. 예: 개발제한구역, 광역급행철도")
    )

    class Meta:
        verbose_name = _("검색 동의어")
        verbose_name_plural = _("검색 동의어")
        ordering = ["canonical", "term"]

    def __str__(self):
        return f"{self.term} → {self.canonical}"

    def clean(self):
        from django.core.exceptions import ValidationError

        self.term = " ".join((self.term or "").split())
        self.canonical = " ".join((self.canonical or "").split())
        if self.term.replace(" ", "").lower() == self.canonical.replace(" ", "").lower():
            raise ValidationError({"canonical": _("검색어와 표준어가 같습니다. 다른 이름을 적어 주세요.")})


class SimilarProposal(models.Model):
    """A stored match: ``similar`` is among the proposals most like ``proposal``.

    Written by the ``similarity.index_proposal`` task when a proposal is created or its
    text edited (``matching.store_matches``), so the panels and the API read one table
    instead of ranking on each page view. Kept for every status and region: who may see
    a match is decided when it is read.
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="similar_matches")
    similar = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("유사도"))
    shared_terms = models.JSONField(_("같은 핵심어"), default=list)

    class Meta:
        verbose_name = _("유사 건의과제")
        verbose_name_plural = _("유사 건의과제")
        constraints = [models.UniqueConstraint(fields=["proposal", "similar"], name="unique_similar_pair")]
        indexes = [models.Index(fields=["proposal", "-score"], name="similarity_best_matches")]

    def __str__(self):
        return f"{self.proposal_id}~{self.similar_id}:{self.score:.2f}"
