"""storyline: news articles in, sourced and structured event data out.

import storyline
doc = storyline.process(text, published="2025-08-23")
print(doc.to_json())
"""

from __future__ import annotations

from ._version import __version__
from .article import Article
from .document import SCHEMA_ID, Document
from .errors import StorylineError
from .ingest import read_inputs
from .pipeline import process, process_many
from .skips import Skipped, SkipReason

__all__ = [
    "SCHEMA_ID",
    "Article",
    "Document",
    "SkipReason",
    "Skipped",
    "StorylineError",
    "__version__",
    "process",
    "process_many",
    "read_inputs",
]
