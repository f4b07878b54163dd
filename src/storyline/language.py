"""Is this text in the language the model reads? (py3langid, which ships its own model.)"""

from __future__ import annotations

import functools

from py3langid.langid import MODEL_FILE, LanguageIdentifier

__all__ = ["detect_language", "is_language"]

# Enough text for a confident guess; more costs time and changes nothing.
_SAMPLE_CHARS = 2000
# Below this many letters the identifier guesses: such a text is given the benefit of the doubt.
_MIN_LETTERS = 40
# Skip only when the identifier is this sure of another language.
_CONFIDENCE = 0.95


@functools.cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability of the text's language."""
    lang, prob = _identifier().classify(text[:_SAMPLE_CHARS])
    return str(lang), float(prob)


def is_language(text: str, lang: str) -> tuple[bool, str]:
    """Whether ``text`` may be in ``lang``; when not, the detected language for the message."""
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return True, lang
    found, prob = detect_language(sample)
    if found != lang and prob >= _CONFIDENCE:
        return False, f"{found} (p={prob:.2f})"
    return True, found
