"""Who prepares a council visit and keeps its commitments: the meeting managers (TF,
operators), as for the meeting itself; the ministry's staff and the region's people read
the region's commitments."""

import rules

from apps.accounts.predicates import is_ministry_staff
from apps.accounts.selectors import user_region_scope_ids
from apps.meetings.rules import is_manager


@rules.predicate
def is_of_region(user, region):
    return region is not None and region.pk in user_region_scope_ids(user)


rules.add_perm("visits.prepare_pack", is_manager)
rules.add_perm("visits.record_commitment", is_manager)
rules.add_perm("visits.view_commitments", is_ministry_staff | is_of_region)
