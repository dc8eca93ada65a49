import rules

from apps.accounts.predicates import is_admin, is_ministry_staff


@rules.predicate
def body_members_public(user, body):
    return body is not None and body.members_public


rules.add_perm("organisations.view_body_members", body_members_public | is_ministry_staff | is_admin)
