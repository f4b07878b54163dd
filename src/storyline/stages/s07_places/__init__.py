"""Places: where the article's place names are, offline, in a GeoNames gazetteer.

- :mod:`.choice`: the GPE / LOC / FAC entities (and countries the model typed otherwise) resolved
  to a gazetteer entry, each chosen among its namesakes by the article's other places;
- :mod:`.within`: the places the model left inside longer names or outside any name ("the
  Toronto Police Services Board", "the U.S.-led coalition"), as place entities of their own.

Both count the country of the site that published the article, where its address has a country's
domain (".co.uk", ".com.au"), as one more of the article's places.
"""

from __future__ import annotations

from storyline.knowledge.countries import domain_country
from storyline.stages.s07_places.choice import PLACE_TYPES, candidates, choose, resolve_places
from storyline.stages.s07_places.within import places_within
from storyline.stages.stage import Config, Stage, Work

__all__ = ["PLACE_TYPES", "STAGE", "candidates", "choose", "resolve_places"]


def _places(work: Work, config: Config) -> None:
    publisher = domain_country(work.article.url)
    resolve_places(work.entities, work.text, publisher)
    work.entities.extend(places_within(work.parsed, work.entities, publisher))


STAGE = Stage(
    "places",
    _places,
    requires=("doc", "entities"),
    assigns=("entities", "entities.place"),
    about="place entities resolved in the gazetteer (GeoNames id, point, country); places named inside other names",
)
