"""Who published an article: its URL's registered domain, else its source, one name per outlet."""

from __future__ import annotations

import socket
import urllib.request

import pytest
from tld.utils import reset_tld_names

from storyline.store.publishers import publisher


@pytest.mark.parametrize(
    ("url", "source", "expected"),
    [
        # what a site calls itself varies; its domain does not
        ("https://www.thegatewaypundit.com/2025/08/x/", "Where Hope Finally Made a Comeback", "thegatewaypundit.com"),
        ("https://thegatewaypundit.com/2025/09/y/", "The Gateway Pundit", "thegatewaypundit.com"),
        ("https://www.9news.com.au/world/x", "Breaking Australian and World News Headlines - 9News", "9news.com.au"),
        # a suffix of two labels, a subdomain, a port, upper case, a final dot
        ("http://news.bbc.co.uk/2/hi/x.stm", None, "bbc.co.uk"),
        ("https://edition.cnn.com:443/2025/x", "CNN International", "cnn.com"),
        ("HTTPS://WWW.Example.COM./x", None, "example.com"),
        ("https://o.canada.com/travel/x", "Canada", "canada.com"),
        # a private suffix is each of its sites' own (two blogs are two publishers)
        ("https://anna.blogspot.com/x", None, "anna.blogspot.com"),
        # a host the list does not know stands as itself
        ("http://127.0.0.1:8000/x", None, "127.0.0.1"),
        ("http://localhost/x", None, "localhost"),
    ],
)
def test_a_url_gives_its_registered_domain(url: str, source: str | None, expected: str) -> None:
    assert publisher(url, source) == expected


@pytest.mark.parametrize(
    ("url", "source", "expected"),
    [
        (None, "Reuters", "reuters"),
        ("", "  Reuters\n", "reuters"),
        (None, "Nine.com.au", "nine.com.au"),  # a source that is a host is read as one
        (None, "https://www.reuters.com/markets", "reuters.com"),
        ("not a url", "Wire A", "wire a"),  # no host in it: the source stands in
        ("http://[::1", "Wire A", "wire a"),
        (None, None, None),
        (None, "   ", None),
    ],
)
def test_without_a_url_the_source_stands_in(url: str | None, source: str | None, expected: str | None) -> None:
    assert publisher(url, source) == expected


def test_the_domain_is_read_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the publisher was looked up on the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    monkeypatch.setattr("tld.base.urlopen", no_network)
    reset_tld_names()  # the list is read again, from the package, with the network cut
    assert publisher("https://www.abc.net.au/news/x", None) == "abc.net.au"
    assert publisher("https://www.gov.uk/government/news/x", None) == "www.gov.uk"  # gov.uk is a suffix
