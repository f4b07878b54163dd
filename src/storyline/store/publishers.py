"""Who published an article, as one name however the site spells itself.

A site names itself in many ways: its ``og:site_name`` may be a slogan ("Where Hope Finally
Made a Comeback" for The Gateway Pundit) or a page title ("Breaking Australian and World News
Headlines - 9News" beside "Nine.com.au"), so a name counts one outlet several times. The
registered domain of the article's URL does not: ``www.9news.com.au`` and ``9news.com.au/world``
are ``9news.com.au``, ``news.bbc.co.uk`` is ``bbc.co.uk``. The domain is read off the public
suffix list that the ``tld`` package ships (no fetch: the list is the one of the pinned release).

Without a URL the input's own ``source`` stands for the publisher ("Reuters" for
Reuters-21578), compared without case and spacing; a source that is itself a host
("www.reuters.com") is read as one.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tld import get_fld

__all__ = ["publisher"]

_DOTTED_NAME = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]")  # nine.com.au
_HOST_NAME = re.compile(r"[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?")  # what a host may be: a name, an IPv4 address


def publisher(url: str | None, source: str | None) -> str | None:
    """The article's publisher: its URL's registered domain, else its source's name folded
    ("reuters"), else None (an article of unknown origin is counted as no publisher)."""
    host = _host(url or "")
    if host:
        return _registered_domain(host)
    name = " ".join((source or "").casefold().split())
    if not name:
        return None
    if "://" in name:
        host = _host(name)
        return _registered_domain(host) if host else name
    return _registered_domain(name) if _DOTTED_NAME.fullmatch(name) else name


def _host(url: str) -> str:
    """A URL's host name, lower-cased, without a port or a final dot ("" where it has none, or
    what stands there is no host name: "not a url")."""
    text = url.strip()
    if not text:
        return ""
    try:
        host = urlsplit(text if "://" in text else f"//{text}").hostname or ""
    except ValueError:  # "http://[::1" and the like: no host to read
        return ""
    host = host.rstrip(".")
    return host if _HOST_NAME.fullmatch(host) else ""


def _registered_domain(host: str) -> str:
    """``news.bbc.co.uk`` -> ``bbc.co.uk``; a host the list does not know (an IP address,
    ``localhost``, an unknown suffix) stands as itself, less a leading ``www.``."""
    found = get_fld(host, fix_protocol=True, fail_silently=True)
    return str(found) if found else host.removeprefix("www.")
