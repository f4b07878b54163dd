"""Is this text in the language the model reads? (py3langid, which ships its own model.)"""

from __future__ import annotations

import functools
import re

from py3langid.langid import MODEL_FILE, LanguageIdentifier

__all__ = ["detect_language", "is_language"]

# Enough text for a confident guess; more costs time and changes nothing.
_SAMPLE_CHARS = 2000
# The identifier judges only prose: with fewer than this many words of 4+ letters in the sample
# (a results table, "Shr 45 cts vs 58 cts / Net 1.1 mln vs 829,000"), it guesses wildly, and
# the text gets the benefit of the doubt. Tuned on Reuters-21578 (all English): at 20, 3 of
# 19,043 bodies (all tables) are taken for another language; at 15, 29.
_MIN_WORDS = 20
_WORD = re.compile(r"[^\W\d_]{4,}")
# Skip only when the identifier is this sure of another language.
_CONFIDENCE = 0.95
# Languages the identifier chooses among: the world's widely published news languages. Rare
# codes in its model (Occitan, Volapük, ...) otherwise win on short, odd texts.
_LANGUAGES = (
    "af ar bg bn ca cs cy da de el en es et fa fi fr he hi hr hu id it ja ko lt lv "
    "mk ml mr ne nl no pa pl pt ro ru sk sl sq sv sw ta te th tl tr uk ur vi zh"
).split()


@functools.cache
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    identifier.set_languages(_LANGUAGES)
    return identifier


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability of the text's language."""
    lang, prob = _identifier().classify(text[:_SAMPLE_CHARS])
    return str(lang), float(prob)


def is_language(text: str, lang: str) -> tuple[bool, str]:
    """Whether ``text`` may be in ``lang``; when not, the detected language for the message."""
    sample = text[:_SAMPLE_CHARS]
    if len(_WORD.findall(sample)) < _MIN_WORDS:
        return True, lang
    found, prob = detect_language(sample)
    if found != lang and prob >= _CONFIDENCE:
        return False, f"{found} (p={prob:.2f})"
    return True, found
