"""Issue 31 in a real browser: what an analyst does in the explorer. Totals that equal the
store's count, sorting across pages, a download that reads back equal to the API's rows,
drill-down from a timeline bar, a network node and edge and a map mark to exactly the events they
count, autocomplete, the article's events filter, the corpus event in words, and every page
usable in a window 800 px wide. (Chromium and the store: the fixtures of ``conftest``.)"""

from __future__ import annotations

import csv
import io
import re
import urllib.parse
from typing import TYPE_CHECKING, Any

import pytest

from .conftest import MISSING, READY, Served, Tab, get_json, settle

if MISSING:
    pytest.skip(MISSING, allow_module_level=True)
expect = pytest.importorskip("playwright.sync_api").expect
if TYPE_CHECKING:
    from playwright.sync_api import Page

GRADED = "modality=asserted&coded=source"  # every page's default: the dataset grade
EVERYTHING = "modality=any&coded=any"


def _api(served: Served, path: str, **params: Any) -> Any:
    return get_json(f"{served.url}{path}?{urllib.parse.urlencode(params)}")


def _every(served: Served, **params: Any) -> list[dict[str, Any]]:
    return list(_api(served, "/events", limit=1000, **params)["rows"])


def _total(page: Page) -> int:
    """The total the page shows, once it has fetched it."""
    total = page.locator("#total[data-total]")
    expect(total).to_be_attached()
    return int(total.get_attribute("data-total") or -1)


def test_the_explorer_shows_the_stores_count_graded_by_default_and_all_on_a_switch(served: Served, tab: Tab) -> None:
    page = tab.page
    page.goto(served.page_url("events"))
    graded = _api(served, "/events", modality="asserted", coded="source", limit=1)["total"]
    assert graded > 0
    assert _total(page) == graded
    expect(page.locator("#total")).to_contain_text(f"{graded:,} events match")
    expect(page.locator("#grade-note")).to_contain_text("dataset grade")
    page.locator("#grade-switch").click()
    everything = _api(served, "/events", limit=1)["total"]
    assert everything > graded
    expect(page.locator("#total")).to_have_attribute("data-total", str(everything))
    expect(page).to_have_url(re.compile(r"modality=any.*coded=any|coded=any.*modality=any"))
    for name in ("timeline", "network", "map"):  # each chart says how many events it counts
        page.goto(served.page_url(name))
        expect(page.locator("#total")).to_contain_text("events")
    assert tab.errors == []


def test_sorting_is_over_every_page_not_the_one_loaded(served: Served, tab: Tab) -> None:
    page = tab.page
    page.goto(served.page_url("events") + f"?{EVERYTHING}&limit=2")
    rows = page.locator("#events-table tr:has(td)")
    expect(rows).to_have_count(2)
    days = sorted(r["day"] for r in _every(served))
    page.locator("#events-table th", has_text="Day").click()  # newest first, then oldest first
    expect(page.locator("#events-table th", has_text="Day")).to_have_attribute("aria-sort", "ascending")
    expect(rows.first.locator("td").first).to_have_text(days[0])
    page.locator("#events-table th", has_text="Sources").click()  # the most reported first
    most = max(r["num_sources"] for r in _every(served))
    expect(rows.first.locator("td.num")).to_have_text(str(most))
    page.locator("#more").click()
    expect(rows).to_have_count(4)
    shown = [int(t) for t in rows.locator("td.num").all_inner_texts()]
    assert shown == sorted(shown, reverse=True) and shown[0] == most
    assert tab.errors == []


def test_a_download_reads_back_equal_to_the_apis_rows(served: Served, tab: Tab) -> None:
    page = tab.page
    page.goto(served.page_url("events") + f"?{EVERYTHING}&actor=NOR")
    expect(page.locator("#events-table tr:has(td)").first).to_be_visible()
    href = page.locator("#download-csv").get_attribute("href") or ""
    assert "actor=NOR" in href and "format=csv" in href
    with page.expect_download() as started:
        page.locator("#download-csv").click()
    table = list(csv.DictReader(io.StringIO(started.value.path().read_text(encoding="utf-8"))))
    rows = _every(served, actor="NOR")
    assert len(rows) > 2
    assert [(r["ArticleID"], r["EventID"], r["EventCode"]) for r in table] == [
        (r["article_id"], r["event_id"], r["cameo"]) for r in rows
    ]
    parquet = page.request.get(served.url + (page.locator("#download-parquet").get_attribute("href") or ""))
    assert parquet.ok and parquet.body().startswith(b"PAR1")


def _click_through(page: Page, mark: Any, opened: str) -> tuple[int, int]:
    """Click a chart's ``mark``: the events it says it counts, and the total of the explorer it
    opens (at a URL matching ``opened``)."""
    expect(mark).to_be_attached()
    counted = int(mark.get_attribute("data-events") or -1)
    mark.dispatch_event("click")
    expect(page).to_have_url(re.compile(opened))
    return counted, _total(page)


def test_a_timeline_bar_opens_exactly_the_events_it_counts(served: Served, tab: Tab) -> None:
    page = tab.page
    page.goto(served.page_url("timeline") + f"?{EVERYTHING}&interval=day")
    bar = page.locator("svg#timeline a.bar-link rect").first
    expect(bar).to_be_attached()
    period = bar.get_attribute("data-period")
    counted, total = _click_through(page, bar, r"/ui/events\?.*since=" + str(period))
    assert total == counted
    for day in [t.strip() for t in page.locator("#events-table td.day").all_inner_texts()]:
        assert day == period
    assert tab.errors == []


def test_a_network_node_and_edge_open_their_events(served: Served, tab: Tab) -> None:
    page = tab.page
    page.goto(served.page_url("network") + f"?{EVERYTHING}")
    node = page.locator("svg#network a.actor-link g.actor").first
    expect(node).to_be_attached()
    code = node.get_attribute("data-code") or ""
    expect(page.locator("svg#network")).to_contain_text(re.compile(r"\(\w+\)"))  # names beside codes
    assert page.locator("svg#network marker").count() == 4  # arrowheads: directed edges
    node.locator("circle").click()
    expect(page).to_have_url(re.compile(rf"/ui/events\?.*actor={code}"))
    assert _total(page) == _api(served, "/events", actor=code, limit=1)["total"] > 0
    page.go_back()
    edge = page.locator("svg#network a.edge-link path").first
    counted, total = _click_through(page, edge, r"/ui/events\?.*source=\w+.*target=\w+")
    assert total >= counted > 0  # (a code also opens its sub-codes' events: NOR and NORMIL)
    assert tab.errors == []


def test_a_map_mark_opens_exactly_the_events_it_counts(served: Served, tab: Tab) -> None:
    page = tab.page
    page.goto(served.page_url("map") + f"?{EVERYTHING}")
    counted, total = _click_through(page, page.locator("svg#map a.place-link > *").first, r"/ui/events\?.*place=")
    assert total == counted > 0
    assert tab.errors == []


def test_the_actor_filter_suggests_codes_from_a_name(served: Served, tab: Tab) -> None:
    page = tab.page
    page.goto(served.page_url("events"))
    page.locator("#filters [name=actor]").press_sequentially("norweg")
    options = page.locator("datalist#suggest-actor option")
    expect(options.first).to_be_attached()
    assert all(v.startswith("NOR") for v in options.evaluate_all("(nodes) => nodes.map((n) => n.value)"))
    page.locator("#filters [name=code]").press_sequentially("protest")
    expect(page.locator('datalist#suggest-code option[value="14"]')).to_be_attached()


def test_an_articles_events_can_be_filtered(served: Served, tab: Tab) -> None:
    page = tab.page
    page.goto(served.page_url("article"))
    items = page.locator("#event-list li.event")
    expect(items.first).to_be_visible()
    every = items.count()
    assert every > 1
    page.locator("#event-filter").fill("wounded")
    visible = page.locator("#event-list li.event:visible")
    expect(visible.first).to_contain_text("wounded")
    assert 0 < visible.count() < every
    expect(page.locator("#event-count")).to_have_text(f"({visible.count()} of {every})")


def test_a_corpus_event_names_its_event_and_actors_and_each_publisher(served: Served, tab: Tab) -> None:
    page = tab.page
    page.goto(served.page_url("corpus-event"))
    expect(page.locator("a.article-link").first).to_be_visible()
    facts = page.locator("#corpus-event")
    for label in ("What", "Who", "To whom", "When", "Where", "Reported"):
        expect(facts.locator("dt", has_text=re.compile(f"^{label}$"))).to_have_count(1)
    expect(facts).to_contain_text("CAMEO")
    expect(facts).not_to_contain_text("PRESENT_REF")
    expect(page.locator("h1")).not_to_have_text("Corpus event")  # who did what, in words
    publishers = page.locator("#mentions-table tbody td:nth-child(2)").all_inner_texts()
    assert publishers and all(p.strip() for p in publishers)


@pytest.mark.parametrize("name", list(READY))
def test_every_page_fits_a_window_800_px_wide(served: Served, tab: Tab, name: str) -> None:
    page = tab.page
    page.set_viewport_size({"width": 800, "height": 900})
    page.goto(served.page_url(name))
    expect(page.locator(READY[name]).first).to_be_attached()
    settle(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 800  # nothing runs off the side
    assert tab.errors == []
