"""The header: public sections in one row, a person's pages under 내 업무, the account
menu and language switch in the utility bar, the bell with its count, the 전체메뉴."""

from django.urls import reverse

from apps.portal.menu import public_sections, work_pages


def test_work_pages_follow_each_pages_rule(cast):
    official = [url for url, _ in work_pages(cast["official"])]
    tf = [url for url, _ in work_pages(cast["tf_staff"])]
    assert official[0] == reverse("my-work") and reverse("proposal-mine") in official
    assert reverse("proposal-triage") not in official
    assert reverse("proposal-triage") in tf and reverse("comment-moderation") in tf
    assert reverse("proposal-mine") not in tf


def test_main_menu_has_the_same_public_sections_for_everyone(client, login):
    anonymous = client.get(reverse("home")).content.decode()
    for url, _ in public_sections():
        assert f'href="{url}" class="gnb-main-trigger is-link' in anonymous
    assert 'aria-controls="work-menu"' not in anonymous
    tf = login("tf_staff").get(reverse("home")).content.decode()
    menu = tf.split('class="gnb-menu"', 1)[1].split("</nav>", 1)[0]
    # 13 pages of the TF's work sit in one group, not in the row.
    assert menu.count('class="gnb-main-trigger') == len(public_sections()) + 1
    assert 'aria-controls="work-menu"' in menu and reverse("proposal-triage") in menu


def test_my_account_appears_once_in_the_header(login):
    html = login("official").get(reverse("proposal-mine")).content.decode()
    header = html.split('<header id="krds-header"', 1)[1].split('<dialog id="site-drawer"', 1)[0]
    assert header.count(f'href="{reverse("account-me")}"') == 1
    assert 'aria-controls="account-menu"' in header


def test_current_queue_is_marked_in_the_work_group(login):
    html = login("official").get(reverse("proposal-mine")).content.decode()
    assert f'<a href="{reverse("proposal-mine")}" class="active" aria-current="page">' in html
    # the group itself shows it holds the page shown
    assert 'class="gnb-main-trigger is-current" aria-expanded="false" aria-controls="work-menu"' in html


def test_bell_has_an_icon_and_an_accessible_count(login):
    html = login("official").get(reverse("home")).content.decode()
    assert 'class="btn-navi site-bell' in html
    assert "읽지 않은 알림 0건" in html


def test_drawer_is_a_labelled_dialog_with_the_same_links(login):
    html = login("tf_staff").get(reverse("home")).content.decode()
    drawer = html.split('<dialog id="site-drawer"', 1)[1].split("</dialog>", 1)[0]
    assert 'aria-labelledby="site-drawer-title"' in drawer
    assert reverse("proposal-triage") in drawer and reverse("portal-stats") in drawer
    assert 'name="language"' in drawer and reverse("logout") in drawer
    assert 'aria-controls="site-drawer"' in html
