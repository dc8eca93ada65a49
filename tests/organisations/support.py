"""What DESIGN.md §1 fixes about the bodies, for the tests that check it."""

DESIGN_BODY_CODES = frozenset(
    {"forum", "support_group", "regional_council", "planning_group", "tf", "expert_group", "institution_group"}
)
