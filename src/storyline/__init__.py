"""storyline: news articles in, sourced and structured event data out.

import storyline
doc = storyline.process(text, published="2025-08-23")
print(doc.to_json())
"""

from __future__ import annotations

from storyline._version import __version__
from storyline.document.article import Article
from storyline.document.records import SCHEMA_ID, Document
from storyline.document.skips import Skipped, SkipReason
from storyline.errors import StorylineError
from storyline.pipeline import process, process_many
from storyline.readers import read_inputs

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
