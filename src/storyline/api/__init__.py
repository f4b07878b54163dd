"""The HTTP API over the corpus store (``storyline serve``): the store's queries, one article's
document, processing a posted article, the charts' counts and the store's counts, and the web UI.
:mod:`.app` builds the FastAPI application from one router per resource (:mod:`.events`,
:mod:`.quotes`, :mod:`.actors`, :mod:`.articles`, :mod:`.documents`, :mod:`.corpus_events`,
:mod:`.charts`, :mod:`.stats`, :mod:`.ui`), over what they share (:mod:`.shared`: the store, the
query parameters, the page of rows); every error answers with one JSON shape (:mod:`.errors`)."""
