"""The HTTP API over the corpus store (``storyline serve``): the store's queries, one article's
document, processing a posted article, and the store's counts. :mod:`.app` builds the FastAPI
application; every error answers with one JSON shape (:mod:`.errors`)."""
