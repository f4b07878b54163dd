"""The day a text's relative dates are read against: the day the page was published, or the day
it was last modified where the text was written again then.

A page can carry two dates: when it first appeared and when it was last changed. Most changes
mend a typo or a tag, and the text still speaks from its first day ("on Tuesday" is the Tuesday
before it appeared). But an explainer first published in 2012 and kept up to date speaks of
this year's events from the day of its last change. The text itself tells the two apart: a text
rewritten since it first appeared names a year after that one, up to the year of the change. A
modified date from the page's metadata is taken only then; otherwise the publication day stands.
"""

from __future__ import annotations

import re

__all__ = ["reference_day"]

_YEAR = re.compile(r"(?<![\d.,/-])(1[89]\d\d|2\d\d\d)(?![\d%]|[.,]\d)")  # not "2,020", "2020%", "2021.5"


def reference_day(published: str | None, modified: str | None, text: str) -> tuple[str | None, str]:
    """The day relative dates are read against (YYYY-MM-DD, or None) and which of the page's
    dates it is: ``published``, or ``modified`` where ``modified`` is later than ``published``
    and ``text`` names a year after the publication's, up to the modification's."""
    if not published or not modified or modified[:10] <= published[:10]:
        return published, "published"
    first, last = int(published[:4]), int(modified[:4])
    if any(first < int(year) <= last for year in _YEAR.findall(text)):
        return modified[:10], "modified"
    return published, "published"
