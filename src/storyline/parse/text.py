"""The text of a parse, built once per document."""

from __future__ import annotations

from spacy.tokens import Doc

__all__ = ["text_of"]


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per document: spaCy joins every token again on each access,
    and the stages after the parse ask for it often."""
    text = doc.user_data.get("storyline.text")
    if text is None:
        text = doc.user_data["storyline.text"] = doc.text
    return str(text)
