"""History backfill (issue 18, item 3): the 건의 handled since the council began (2022-08),
brought in by operators with their original references, regions, dates and outcomes.

``checking`` reads and checks every row (Korean errors by row and column); ``importing``
writes them in one transaction — proposals with their historical references, one event per
stage dated when it happened and marked as imported (who, from which file), and no
notifications (events are written without ``proposal_event_created``).
"""
