"""Script, style and event-handler payloads in comments and minutes are neutralised
wherever they are shown: the thread on the page, the minutes on the meeting page and the
``body_html`` / ``minutes_html`` of the API."""

import re
from html.parser import HTMLParser

import pytest

from apps.comments.models import Comment
from apps.core.markdown import render_markdown
from apps.meetings.models import MeetingStatus as M
from tests.comments.support import make_topic, public_proposal
from tests.meetings.support import make_meeting

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[클릭](javascript:alert(1))",
    "[클릭](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](&#x6A;&#x61;vascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<iframe src="https://evil.example/"></iframe>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "[x](vbscript:msgbox(1))",
    "<body onload=alert(1)>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</script>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "[x](\x01javascript:alert(1))",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<javascript:alert(1)>",
    "[x][1]\n\n[1]: javascript:alert(1)",
    '[정상](https://ok.example/?q="onmouseover=alert(1)")',
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "<a href='  javascript:alert(1)'>x</a>",
    "[x](java\nscript:alert(1))",
    '<img src="x" style="x:expression(alert(1))">',
]

SAFE_TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "a",
}  # fmt: skip
SAFE_SCHEMES = ("http://", "https://", "mailto:")


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def assert_neutralised(html: str):
    """Only harmless tags, no event handlers or styles, links only to http(s)/mailto."""
    parser = Tags()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag in SAFE_TAGS, (tag, html)
        for name, value in attrs:
            assert not name.startswith("on"), (name, html)
            assert name in {"href", "title", "rel"}, (name, html)
            if name == "href":
                assert (value or "").strip().lower().startswith(SAFE_SCHEMES), (value, html)


def test_the_corpus_is_big_enough():
    assert len(HOSTILE) >= 20


@pytest.mark.parametrize("payload", HOSTILE)
def test_render_markdown_neutralises(payload):
    assert_neutralised(render_markdown(payload))


def comment_bodies(page: str) -> list[str]:
    return re.findall(r'<div class="comment-body site-prose">(.*?)</div>', page, flags=re.S)


def test_hostile_comments_are_neutralised_on_the_proposal_page_and_in_the_api(cast, client):
    proposal = public_proposal(cast)
    for payload in HOSTILE:
        Comment.objects.create(proposal=proposal, author=cast.people["official"], body=payload)
    client.force_login(cast.people["tf_staff"])

    page = client.get(f"/proposals/{proposal.pk}/").content.decode()
    bodies = comment_bodies(page)
    api = client.get(f"/api/v1/proposals/{proposal.pk}/comments/", {"page_size": 100}).json()["results"]

    assert len(bodies) == len(HOSTILE) == len(api)
    for html in bodies + [row["body_html"] for row in api]:
        assert_neutralised(html)
    assert "<script>alert" not in page and "<img" not in page


def test_hostile_forum_comments_are_neutralised_for_the_public(cast, client):
    topic = make_topic(cast)
    for payload in HOSTILE:
        Comment.objects.create(topic=topic, author=cast.people["forum_member"], body=payload, visibility="public")
    page = client.get(f"/meetings/forum/topics/{topic.pk}/").content.decode()
    bodies = comment_bodies(page)
    assert len(bodies) == len(HOSTILE)
    for html in bodies:
        assert_neutralised(html)


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_minutes_are_neutralised_on_the_meeting_page_and_in_the_api(cast, client, payload):
    meeting = make_meeting(cast, status=M.MINUTES_PUBLISHED, minutes=f"## 회의록\n\n{payload}")
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    minutes = re.search(r'id="minutes">(.*?)</div>', page, flags=re.S).group(1)
    assert_neutralised(minutes)
    assert_neutralised(client.get(f"/api/v1/meetings/{meeting.pk}/").json()["minutes_html"])
