"""The web UI in a real browser: ``storyline serve`` over a small store, driven through Debian's
chromium by Playwright (no browser is downloaded: .ci/run installs chromium, and without it, or
without the playwright package, the module skips).

Every test looks at what a user sees: the pages load with their heading and no errors, the
explorer's filters and sorting, the article view's highlighting and quotes, the charts drawn,
the paste page, and an article whose text is markup and script that must show as text and never
run. A screenshot of each page is kept as a test artifact in test-artifacts/screenshots/ (or
$STORYLINE_SCREENSHOTS); docs/pipeline.md links the copies in docs/screenshots/.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest

from .conftest import MISSING, PASTED, READY, SCREENSHOTS, SCRIPT, Served, Tab, get_json, settle

if MISSING:
    pytest.skip(MISSING, allow_module_level=True)
expect = pytest.importorskip("playwright.sync_api").expect
if TYPE_CHECKING:
    from playwright.sync_api import Page


@pytest.mark.parametrize("name", list(READY))
def test_each_page_loads_with_its_heading_and_no_errors(served: Served, tab: Tab, name: str) -> None:
    page = tab.page
    response = page.goto(served.page_url(name))
    assert response is not None and response.status == 200
    expect(page.locator("h1")).to_be_visible()
    assert page.locator("h1").inner_text().strip()
    expect(page.locator(READY[name]).first).to_be_attached()
    settle(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    assert tab.errors == []
    assert tab.dialogs == []


def test_the_home_page_is_the_events_explorer(served: Served, tab: Tab) -> None:
    tab.page.goto(served.url + "/")
    expect(tab.page).to_have_url(re.compile(r"/ui/events(\?.*)?$"))
    expect(tab.page.locator("table#events-table")).to_be_visible()


def test_the_actor_filter_leaves_only_that_actors_events(served: Served, tab: Tab) -> None:
    page = tab.page
    page.goto(served.page_url("events"))
    rows = page.locator("#events-table tr:has(td)")
    mentions = re.compile(r"nor", re.IGNORECASE)  # NOR, NORMIL, Norway, Norwegian troops
    expect(rows.first).to_be_visible()
    assert rows.filter(has_not_text=mentions).count() > 0  # unfiltered: Japan and South Korea too
    page.locator("#filters [name=actor]").fill("NOR")
    page.locator("#apply").click()
    expect(rows.filter(has_not_text=mentions)).to_have_count(0)
    expect(rows.first).to_be_visible()
    assert rows.count() >= 3
    assert tab.errors == []


def _column(page: Page, header: str) -> list[str]:
    """The cells of the events table's column headed ``header``, top to bottom."""
    headers = [text.strip() for text in page.locator("#events-table th").all_inner_texts()]
    index = headers.index(header) + 1
    return [
        text.strip() for text in page.locator(f"#events-table tr:has(td) > td:nth-child({index})").all_inner_texts()
    ]


def test_clicking_a_header_sorts_the_table(served: Served, tab: Tab) -> None:
    page = tab.page
    page.goto(served.page_url("events"))
    rows = page.locator("#events-table tr:has(td)")
    expect(rows.first).to_be_visible()
    settle(page)
    before = rows.all_inner_texts()
    days = _column(page, "Day")
    assert len(set(days)) > 2
    page.locator("#events-table th", has_text="Day").click()
    expect(rows.first).to_contain_text(min(days))
    ascending = _column(page, "Day")
    assert ascending == sorted(days) and ascending != days  # the newest came first
    page.locator("#events-table th", has_text="Day").click()
    expect(rows.first).to_contain_text(max(days))
    assert _column(page, "Day") == sorted(days, reverse=True)
    assert sorted(rows.all_inner_texts()) == sorted(before)  # the same rows, in another order


def test_an_article_link_opens_the_article_with_its_evidence(served: Served, tab: Tab) -> None:
    page = tab.page
    page.goto(served.page_url("events"))
    link = page.locator("#events-table a.article-link").first
    expect(link).to_be_visible()
    assert page.locator("#events-table a.corpus-link").count() > 0
    link.click()
    expect(page).to_have_url(re.compile(r"/ui/article/[^/#]+#.+"))
    expect(page.locator("#article-text")).to_be_visible()
    expect(page.locator("#article-text span.event-evidence").first).to_be_visible()
    expect(page.locator("#event-list li.event").first).to_be_visible()
    assert tab.errors == []


def test_a_corpus_event_lists_every_article_that_reports_it(served: Served, tab: Tab) -> None:
    page = tab.page
    page.goto(served.page_url("events"))
    link = page.locator(f'#events-table a.corpus-link[href$="{served.corpus_event}"]').first
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(re.compile(r"/ui/corpus-event/"))
    expect(page.locator("h1")).to_be_visible()
    articles = page.locator("a.article-link")
    expect(articles.first).to_be_visible()
    assert articles.count() >= 4  # the attack: four reports from three publishers
    titles = set(articles.all_inner_texts())
    assert {"Border attack", "Guards wounded", "Sweden protests"} <= titles
    articles.first.click()
    expect(page.locator("#article-text span.event-evidence").first).to_be_visible()
    assert tab.errors == []


def test_a_quote_reveals_its_speaker(served: Served, tab: Tab) -> None:
    document = get_json(f"{served.url}/articles/{served.border_attack}")
    names = {entity["id"]: entity["name"] for entity in document["entities"]}
    quote = next(q for q in document["quotes"] if q.get("speaker") in names and q["text"].startswith("The attack"))
    speaker = names[quote["speaker"]]  # "Swedish defence ministry"
    page = tab.page
    page.goto(served.page_url("article"))
    spans = page.locator("#article-text span.quote")
    expect(spans.first).to_be_visible()
    texts = spans.all_inner_texts()
    first = next(i for i, text in enumerate(texts) if len(text) >= 3 and quote["text"].startswith(text))
    span = spans.nth(first)
    span.hover()
    title = span.get_attribute("title") or ""
    info = page.locator("#quote-info")
    if info.count():
        span.click()
        expect(info).to_be_visible()
        expect(info).to_contain_text(speaker)
    else:
        assert speaker in title
    assert speaker in title or speaker in info.inner_text()


def test_markup_in_an_article_shows_as_text_and_never_runs(served: Served, tab: Tab) -> None:
    page = tab.page
    page.goto(f"{served.url}/ui/article/{served.injected}")
    text = page.locator("#article-text")
    expect(text.locator("span.event-evidence").first).to_be_visible()
    settle(page)
    page.wait_for_timeout(300)  # time for a broken image's onerror, were the markup parsed
    expect(text).to_contain_text(SCRIPT)
    expect(text).to_contain_text("<img src=x onerror=")
    assert text.locator("script, img").count() == 0
    assert tab.dialogs == []
    assert tab.errors == []  # also: no script blocked by the Content-Security-Policy
    # Its title (markup too) in the events explorer.
    page.goto(served.page_url("events"))
    expect(page.locator("#events-table")).to_contain_text("Odd caption <img src=x onerror=")
    settle(page)
    page.wait_for_timeout(300)
    assert page.locator("#events-table img, #events-table script").count() == 0
    assert tab.dialogs == []
    assert tab.errors == []


def test_the_timeline_draws_bars_per_period(served: Served, tab: Tab) -> None:
    page = tab.page
    page.goto(served.page_url("timeline"))
    chart = page.locator("svg#timeline")
    expect(chart.locator("rect").first).to_be_attached()
    settle(page)
    assert chart.locator("rect").count() > 0
    expect(chart).to_contain_text("2024-03")  # the periods of the stories
    assert tab.errors == []


def test_the_network_draws_actors_and_their_links(served: Served, tab: Tab) -> None:
    page = tab.page
    page.goto(served.page_url("network"))
    chart = page.locator("svg#network")
    expect(chart.locator("circle").first).to_be_attached()
    settle(page)
    assert chart.locator("circle").count() >= 2
    assert chart.locator("line, path").count() > 0
    expect(chart).to_contain_text("SWE")
    expect(chart).to_contain_text("JPN")
    assert tab.errors == []


def test_the_map_draws_countries_and_event_points(served: Served, tab: Tab) -> None:
    page = tab.page
    page.goto(served.page_url("map") + "?modality=any&coded=any")  # (the stories' placed events are not all graded)
    expect(page.locator("svg#map path.country").first).to_be_attached()
    settle(page)
    assert page.locator("svg#map path.country").count() > 50  # a world map, not a stub
    expect(page.locator("svg#map circle.event-point, svg#map path.country-events").first).to_be_attached()
    expect(page.locator("#precision")).to_contain_text("events with no place are not counted")
    assert tab.errors == []


def test_a_pasted_article_is_processed_and_highlighted(served: Served, tab: Tab) -> None:
    page = tab.page
    page.goto(served.page_url("paste"))
    page.locator("textarea#paste-text").fill(PASTED)
    page.locator("input#paste-date").fill("2024-05-03")
    page.locator("button#paste-go").click()
    expect(page.locator("#event-list li.event").first).to_be_visible(timeout=45_000)
    expect(page.locator("#article-text")).to_contain_text("French troops attacked a rebel camp")
    expect(page.locator("#event-list")).to_contain_text("2024-05-03")  # "on Friday": the date set
    expect(page.locator("#article-text span.event-evidence").first).to_be_visible()
    settle(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "paste-result.png"))
    assert tab.errors == []
    assert tab.dialogs == []


def test_coded_none_lists_the_events_with_no_actor_coded(served: Served, tab: Tab) -> None:
    """Issue 26: the UI offered "Coded: none", and the API refused it."""
    page = tab.page
    page.goto(served.page_url("events"))
    rows = page.locator("#events-table tr:has(td)")
    status = page.locator("#status")
    expect(rows.first).to_be_visible()
    page.locator("#filters [name=coded]").select_option("none")
    page.locator("#apply").click()
    expect(page.locator("#total")).to_have_text(re.compile(r"^\d+ events match · rows 1–\d+ shown$"))
    expect(status).not_to_have_class(re.compile(r"\berror\b"))
    expect(rows.first).to_be_visible()
    for source, target in zip(_column(page, "Source"), _column(page, "Target"), strict=True):
        assert source == target == "—"  # neither actor coded
    assert tab.errors == []


def test_a_refused_filter_clears_the_rows_of_the_earlier_ones(served: Served, tab: Tab) -> None:
    """Issue 26: a refusal left the rows of the earlier filters under the message, as if they
    answered the new ones."""
    page = tab.page
    page.goto(served.page_url("events"))
    rows = page.locator("#events-table tr:has(td)")
    status = page.locator("#status")
    expect(rows.first).to_be_visible()
    for refused, message in (("N" * 41, "at most 40 characters"), ("Norway", "give its code, NOR")):
        page.locator("#filters [name=actor]").fill("")
        page.locator("#apply").click()
        expect(rows.first).to_be_visible()
        page.locator("#filters [name=actor]").fill(refused)
        page.locator("#apply").click()
        expect(status).to_have_class(re.compile(r"\berror\b"))
        expect(status).to_contain_text(message)
        expect(rows).to_have_count(0)
        expect(page.locator("#more")).to_be_hidden()


@pytest.mark.parametrize(("route", "drawn"), [("/docs", ".opblock-summary"), ("/redoc", "[role=menuitem]")])
def test_the_api_pages_draw_offline(served: Served, tab: Tab, route: str, drawn: str) -> None:
    """Issue 26: /docs and /redoc were blank offline (their scripts came from a CDN). Every
    request for anything outside the app is refused here, as it would fail offline."""
    page = tab.page
    outside: list[str] = []

    def only_the_app(handled: Any) -> None:
        if handled.request.url.startswith(served.url + "/"):
            handled.continue_()
        else:
            outside.append(handled.request.url)
            handled.abort()

    page.route("**/*", only_the_app)
    response = page.goto(served.url + route)
    assert response is not None and response.status == 200
    expect(page.locator(drawn).first).to_be_visible()
    expect(page.get_by_text("Events: who did what to whom").first).to_be_visible()
    settle(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"api{route.replace('/', '-')}.png"))
    assert outside == []
    # a script or style the policy blocked is a console error; ReDoc's footer asks for Redocly's
    # logo from its CDN, which the policy refuses (no request leaves) and ReDoc then hides
    logo = "https://cdn.redoc.ly/redoc/logo-mini.svg"
    assert [e for e in tab.errors if not (route == "/redoc" and f"image '{logo}'" in e)] == []
