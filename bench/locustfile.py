"""A bounded local load test of `storyline serve` (issue 17: p95 under 300 ms on a 2-core machine).

    storyline serve --db reuters.duckdb &          # Reuters-21578 plus the samples, ingested
    python -m venv /tmp/locust && /tmp/locust/bin/pip install locust==2.47.0
    /tmp/locust/bin/locust -f bench/locustfile.py --headless -u 20 -r 5 -t 3m \
        --host http://127.0.0.1:8000 --csv load    # load_stats.csv: p50, p95, p99, failures per request
    ... -u 21 ...    # the same 20 analysts, and one client posting articles to store, without pause

Each simulated analyst browses as one would: the events explorer with a filter, an article,
a corpus event, the timeline, the network and the map, and the UI's pages themselves. The
article and corpus event ids are drawn from what the store answers, so every request is one a
user could make.
"""

from __future__ import annotations

import random

from locust import HttpUser, between, events, task  # type: ignore[import-not-found]

ACTORS = ["USA", "JPN", "IRN", "IRQ", "GBR", "DEU", "FRA", "BRA", "RUS", "CHN"]
CODES = ["01", "04", "05", "11", "12", "19", "03", "07"]


_READS: list[float] = []  # milliseconds, every GET answered


@events.request.add_listener  # type: ignore[misc]
def _record(request_type: str, response_time: float, exception: object, **_: object) -> None:
    if request_type == "GET" and exception is None:
        _READS.append(response_time)


@events.quitting.add_listener  # type: ignore[misc]
def _report(**_: object) -> None:
    """The reads' own percentiles (locust's aggregate mixes in the writer's posts)."""
    if _READS:
        ms = sorted(_READS)
        print(f"reads: {len(ms)}, p50 {ms[len(ms) // 2]:.0f} ms, p95 {ms[int(len(ms) * 0.95)]:.0f} ms")


# Short stories of our own writing, posted (and stored) over and over by the writer below.
POSTED = [
    "Port workers in Santos walked out on Monday over pay, the union said, halting soybean exports.",
    "The central bank of Chile raised its main rate by half a point on Tuesday, citing inflation.",
    "Kenyan police arrested twelve protesters in Nairobi on Wednesday after clashes near parliament.",
    "Japan and Australia signed a defence agreement in Tokyo on Thursday, officials said.",
]


class Writer(HttpUser):  # type: ignore[misc]
    """One client posting articles to be processed and stored, one after another (``-u 21``)."""

    fixed_count = 1
    wait_time = between(0.0, 0.1)

    @task
    def post_article(self) -> None:
        story = random.choice(POSTED)
        self.client.post("/documents", json={"text": story, "store": True}, name="POST /documents (store)")


class Analyst(HttpUser):  # type: ignore[misc]
    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        rows = self.client.get("/events", params={"limit": 100}, name="/events (first page)").json()["rows"]
        self.articles = [r["article_id"] for r in rows] or ["none"]
        self.corpus_events = [r["corpus_event_id"] for r in rows if r["corpus_event_id"]] or ["none"]

    @task(6)
    def filter_events(self) -> None:
        params = {"actor": random.choice(ACTORS), "limit": 100}
        if random.random() < 0.5:
            params["code"] = random.choice(CODES)
        if random.random() < 0.3:
            params["coded"] = "source"
        self.client.get("/events", params=params, name="/events?actor&code")

    @task(2)
    def search_text(self) -> None:
        self.client.get("/events", params={"text": random.choice(["oil", "talks", "minister"])}, name="/events?text")

    @task(3)
    def read_article(self) -> None:
        self.client.get(f"/articles/{random.choice(self.articles)}", name="/articles/{id}")

    @task(1)
    def corpus_event(self) -> None:
        self.client.get(f"/corpus-events/{random.choice(self.corpus_events)}", name="/corpus-events/{id}")

    @task(2)
    def quotes_and_actors(self) -> None:
        self.client.get("/quotes", params={"speaker": "baker"}, name="/quotes?speaker")
        self.client.get("/actors", params={"limit": 50}, name="/actors")

    @task(2)
    def charts(self) -> None:
        actor = random.choice(ACTORS)
        self.client.get("/timeline", params={"actor": actor, "interval": "week"}, name="/timeline")
        self.client.get("/network", params={"actor": actor}, name="/network")
        self.client.get("/map", params={"actor": actor}, name="/map")

    @task(1)
    def articles_and_stats(self) -> None:
        self.client.get("/articles", params={"text": "opec"}, name="/articles?text")
        self.client.get("/stats", name="/stats")

    @task(2)
    def pages(self) -> None:
        for page in ("/ui/events", "/ui/timeline", "/ui/network", "/ui/map", "/ui/paste"):
            self.client.get(page, name=page)
        self.client.get(f"/ui/article/{random.choice(self.articles)}", name="/ui/article/{id}")
