"""``storyline eval geo``: toponym recall, accuracy within 161 km and exact GeoNames id.

Reads GeoWebNews (a folder with ``GWN.xml``, or that file) and the LGL / TR-News layout
(``<articles><article><text/><toponyms><toponym><start/><end/><phrase/><gaztag geonameid="">
<lat/><lon/></gaztag></toponym>...``; a file or a folder of such files). The texts go through
the pipeline uncleaned, so that offsets match, with their address where the file gives one
(GeoWebNews' ``<link>``: the publisher's country domain counts in the choice of namesakes). A
gold toponym (one with coordinates) is found when a system mention of an entity that has a place
overlaps it; accuracy and exact id are over the found ones. ``precision`` is the share of the
system's placed mentions that overlap a gold toponym of any kind but ``Non_Toponym`` (with or
without coordinates: GeoWebNews marks every toponym, demonyms and names inside longer names
included). The figures come for the whole set and for its two halves in file order (``fit``: the
first half, which rules may be written looking at; ``check``: the second, never read for that).
``baseline`` scores, for the same found toponyms, the candidate with the largest population,
which is what the context-aware choice has to beat.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from lxml import etree

from storyline.budget import MEASURING
from storyline.document.article import Article
from storyline.document.encode import JSONObject
from storyline.document.records import Document, Entity
from storyline.document.skips import Skipped
from storyline.errors import InvalidArgument
from storyline.pipeline import process_many
from storyline.stages.s07_places import candidates

__all__ = ["evaluate_geo", "great_circle_km", "read_gold"]

_RADIUS_KM = 6371.0088
_WITHIN_KM = 161.0  # 100 miles, the customary geoparsing threshold


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    lat: float
    lon: float
    geonameid: int | None
    type: str


@dataclass(frozen=True)
class GoldArticle:
    text: str
    toponyms: list[Toponym]
    names: list[tuple[int, int]]  # every toponym's span, geocoded or not (not the Non_Toponym ones)
    url: str | None = None  # where it was published (GeoWebNews' <link>)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def read_gold(path: Path) -> list[GoldArticle]:
    """Articles with their geocoded toponyms, from a GeoWebNews or LGL-style file or folder."""
    if path.is_dir():
        files = [path / "GWN.xml"] if (path / "GWN.xml").exists() else sorted(path.glob("*.xml"))
    else:
        files = [path]
    if not files:
        raise InvalidArgument(f"{path}: no GWN.xml and no .xml files")
    articles: list[GoldArticle] = []
    for file in files:
        root = etree.parse(str(file)).getroot()
        for article in root.iter("article"):
            text = article.findtext("text") or ""
            toponyms = [t for node in article.iter("toponym") if (t := _toponym(node, len(text))) is not None]
            names = [
                (int(node.findtext("start")), int(node.findtext("end")))
                for node in article.iter("toponym")
                if node.findtext("start") and node.findtext("end") and node.findtext("type") != "Non_Toponym"
            ]
            articles.append(GoldArticle(text, toponyms, names, article.findtext("link") or None))
    return articles


def _toponym(node: Any, size: int) -> Toponym | None:  # Any: an ElementTree element (lxml is untyped)
    """A gold toponym with coordinates and offsets inside the text; None for the others."""
    gaztag = node.find("gaztag")
    where = gaztag if gaztag is not None else node  # LGL keeps lat/lon in <gaztag>, GWN on the toponym
    lat, lon = where.findtext("lat") or where.findtext("latitude"), where.findtext("lon") or where.findtext("longitude")
    start, end = node.findtext("start"), node.findtext("end")
    if not (lat and lon and start and end) or not 0 <= int(start) < int(end) <= size:
        return None
    raw_id = gaztag.get("geonameid") if gaztag is not None else node.findtext("geonamesID")
    kind = node.findtext("type") or "toponym"
    return Toponym(int(start), int(end), float(lat), float(lon), int(raw_id) if raw_id else None, kind)


def evaluate_geo(path: Path, limit: int | None = None) -> JSONObject:
    gold = read_gold(Path(path))[:limit] if limit else read_gold(Path(path))
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    given = [Article.create(a.text, url=a.url) for a in gold]
    results = process_many(given, check_language=False, clean_text=False, time_budget=MEASURING)
    skipped = 0
    fit = (len(gold) + 1) // 2
    for n, (article, result) in enumerate(zip(gold, islice(results, len(gold)), strict=True)):
        skipped += isinstance(result, Skipped)
        entities = result.entities if isinstance(result, Document) else []
        half = "fit" if n < fit else "check"
        for toponym in article.toponyms:
            for scope in ("all", f"type:{toponym.type}", half):
                _score(counts[scope], toponym, entities)
        for scope in ("all", half):
            _count_placed(counts[scope], article, entities)
    figures: JSONObject = _figures(counts["all"], "")
    figures["baseline"] = _figures(counts["all"], "base_")
    figures["per_type"] = {
        scope.removeprefix("type:"): _figures(c, "") for scope, c in sorted(counts.items()) if scope.startswith("type:")
    }
    figures["per_half"] = {half: _figures(counts[half], "") for half in ("fit", "check")}
    figures["articles"] = len(gold)
    figures["skipped"] = skipped
    return figures


def _count_placed(counts: dict[str, int], article: GoldArticle, entities: list[Entity]) -> None:
    """The system's placed mentions, and those that stand on a gold toponym."""
    for entity in entities:
        if entity.place is None:
            continue
        for m in entity.mentions:
            counts["placed"] += 1
            counts["placed_right"] += any(min(m.end, end) > max(m.start, start) for start, end in article.names)


def _score(counts: dict[str, int], toponym: Toponym, entities: list[Entity]) -> None:
    counts["n"] += 1
    match = _match(toponym, entities)
    if match is None or match.place is None:
        return
    counts["found"] += 1
    system = match.place
    options = candidates(match)
    baseline = max(options, key=lambda p: p.population) if options else None
    picks = [("", system.lat, system.lon, system.geonameid)]
    if baseline is not None:
        picks.append(("base_", baseline.lat, baseline.lon, baseline.geonameid))
    for prefix, lat, lon, gid in picks:
        near = great_circle_km(toponym.lat, toponym.lon, lat, lon) <= _WITHIN_KM
        same = gid is not None and gid == toponym.geonameid
        counts[prefix + "within"] += near
        counts[prefix + "same_id"] += same
        counts[prefix + "same_id_far"] += same and not near  # right entry, derived centre too far off


def _match(toponym: Toponym, entities: list[Entity]) -> Entity | None:
    """The placed entity whose mention overlaps the toponym most."""
    best, overlap = None, 0
    for entity in entities:
        if entity.place is None:
            continue
        for m in entity.mentions:
            shared = min(m.end, toponym.end) - max(m.start, toponym.start)
            if shared > overlap:
                best, overlap = entity, shared
    return best


def _figures(counts: dict[str, int], prefix: str) -> JSONObject:
    n, found, placed = counts["n"], counts["found"], counts["placed"]
    figures: JSONObject = {
        "recall": round(found / n, 4) if n else 0.0,
        "acc161": round(counts[prefix + "within"] / found, 4) if found else 0.0,
        "exact_id": round(counts[prefix + "same_id"] / found, 4) if found else 0.0,
        "found": found,
        "n": n,
        "same_id_far": counts[prefix + "same_id_far"],
    }
    if placed and not prefix:
        figures["precision"] = round(counts["placed_right"] / placed, 4)
        figures["placed"] = placed
    return figures
