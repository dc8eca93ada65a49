"""The meeting and forum pages (DESIGN.md §4), one module a concern: ``meetings`` (list,
calendar, the meeting page, its form and state changes, minutes, .ics), ``agenda``,
``invitations`` (invitees, RSVP, attendance), ``forum`` and ``feeds`` (calendar
subscriptions); the meeting page's context and the shared POST shape are in ``page``
and ``common``.

Reads go through ``selectors`` (scoped to the viewer, rows preloaded), writes through
``services``. What the viewer may not see answers 404; an action their role may not
take, 403 (the rules in ``rules.py``); an action the meeting's state no longer allows,
409 with the page and why; bad input, 400 with the form and its Korean errors. Public
meetings of public bodies are open to anonymous visitors.
"""
