"""Cleaning: boilerplate rules, captions with credits, whitespace and quotes, offsets back to the raw text."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import storyline
from storyline.stages.s01_clean.boilerplate import DEFAULT_RULES, Rule, split_credit
from storyline.stages.s01_clean.clean import clean

from ..conftest import SEED, need

BODY = "Officials met in Geneva on Tuesday.\n\nThe talks will resume next week, a spokesman said."


def test_seed_boilerplate_goes_to_captions_with_credits() -> None:
    cleaned = clean(need(SEED).read_text("utf-8"))
    assert "open image in gallery" not in cleaned.text
    assert "AFP/Getty" not in cleaned.text and "Ukrainian Emergency Service" not in cleaned.text
    assert [(c.text.split()[0], c.credit) for c in cleaned.captions] == [
        ("Trump", "AFP/Getty"),
        ("Zelensky", "Ukrainian Emergency Service"),
        ("Ukrainian", "AFP/Getty"),
    ]
    # the article's own text is untouched: first and last sentences survive whole
    assert cleaned.text.startswith("Russia’s foreign minister Sergei Lavrov has said")
    assert cleaned.text.endswith("causing a few days of supply disruption.")


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        (
            "open image in gallery Troops parade in the capital ( AFP/Getty )",
            "Troops parade in the capital",
            "AFP/Getty",
        ),
        ("Image caption, Residents queue for water in the heat", "Residents queue for water in the heat", None),
        (
            "Photo: Leaders pose for a group photograph in Abuja / AFP",
            "Leaders pose for a group photograph in Abuja",
            "AFP",
        ),
        ("A crane over the harbour. Photograph: Jo Bloggs/Reuters", "A crane over the harbour.", "Jo Bloggs/Reuters"),
        (
            "Police outside the court (Photo by Sam Doe/Getty Images)",
            "Police outside the court",
            "Sam Doe/Getty Images",
        ),
    ],
)
def test_caption_lines_and_their_credits(line: str, caption: str, credit: str | None) -> None:
    cleaned = clean(f"{BODY}\n\n{line}\n\nA third paragraph follows the picture.")
    assert [(c.text, c.credit) for c in cleaned.captions] == [(caption, credit)]
    assert line.split()[1] not in cleaned.text.split("\n\n")[2:]  # the line left the body
    assert cleaned.text.endswith("A third paragraph follows the picture.")


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Read more: Farmers count the cost of the drought", "read-more"),
        ("RELATED STORIES", "read-more"),
        ("Share this article", "share"),
        ("Follow us on Twitter for breaking news", "share"),
        ("Sign up to our free morning newsletter for the top stories", "subscribe"),
        ("Subscribe now to get unlimited access and daily email updates", "subscribe"),
        ("Advertisement", "advert"),
        ("Story continues below advertisement", "advert"),
        ("Download the Example News app", "app-promo"),
        ("MORE: Senate passes the harbour bill after a late-night vote", "related-headline"),
        ("Trending: Ferry operator fined over late sailings", "related-headline"),
        ("related storiesÂ floods close the coast roadÂ mayor resigns", "related-headline"),
        ("CLICK HERE TO GET THE EXAMPLE NEWS APP", "click-here"),
        ("Click here for the latest headlines on the strike", "click-here"),
        ("Listen to this article", "promo"),
        ("Get breaking news alerts delivered to your phone", "promo"),
        ("Comments (24)", "comments"),
        ("Join the conversation", "comments"),
        ("Log in to reply", "comments"),
        ("(AP Photo/Jane Roe)", "photo-credit"),
        ("Jane Roe/Reuters", "photo-credit"),
        # in-body furniture: an ad slot run together with its widget's name, in a list or not
        ("- Advertisement embed-more-topicStory continues below", "advert"),
        ("Advertisement 2Story continues below", "advert"),
        (
            "For the latest news from across the region from the Example Star, sign up for our newsletters .",
            "newsletter",
        ),
        ("Please bookmark example.org and sign up for our daily newsletter, Morning Tide, here.", "newsletter"),
        ("Follow Example News on Facebook and X for the latest updates.", "follow-prompt"),
        ("What do you think? Let us know in the comments below.", "comment-prompt"),
        ("Article content", "page-label"),
        (
            "Products are chosen by our editors. Example Media may earn an affiliate commission from links here.",
            "affiliate",
        ),
        ("• Email: jroe@example.org", "contact"),
        ("Sponsored by Acme Ferries", "sponsor"),
        # what the HTML reader found to be a teaser for another story, or no photo's caption
        ("link line: Ferry fares to rise in June, operator says", "teaser-link"),
        ("figure link: Ferry fares to rise in June, operator says", "teaser-figure"),
        ("figure without a photo: Powered by", "figure-without-photo"),
    ],
)
def test_promo_and_share_lines_are_removed_anywhere(line: str, rule: str) -> None:
    cleaned = clean(
        f"{BODY}\n\n{line}\n\nThe minister left for Brussels.\n\nMore talks are planned.\n\nNo date was set."
    )
    assert line not in cleaned.text
    assert [(r.rule, r.text) for r in cleaned.removed] == [(rule, line)]


def test_prose_about_ads_newsletters_and_comments_stays() -> None:
    prose = [
        "The story continues to unfold as rescuers search the collapsed building for survivors.",
        "More than 2,000 residents signed up for the council's flood alerts after the storm.",
        "The minister declined to comment on the report, saying it would be studied.",
        "Advertisers pulled spending from the channel after the broadcast, the company said.",
        "- The board approved the budget, which rises by 4% next year.",
    ]
    cleaned = clean("\n\n".join([BODY, *prose]))
    assert cleaned.removed == []
    assert all(p in cleaned.text for p in prose)


def test_a_caption_that_is_furniture_or_said_again_is_no_caption() -> None:
    raw = (
        f"{BODY}\n\nfigure caption: Powered by\n\nfigure caption: Advertisement"
        "\n\nfigure caption: Ferries wait at the quay. (Photo: Jane Roe/Reuters)"
        "\n\nfigure caption: Ferries wait at the quay. (Photo: Jane Roe/Reuters)"
        "\n\nfigure caption: Image Credits: Example Wire"  # a credit alone
    )
    cleaned = clean(raw)
    assert [(c.text, c.credit) for c in cleaned.captions] == [("Ferries wait at the quay.", "Jane Roe/Reuters")]
    assert [r.rule for r in cleaned.removed] == ["sponsor", "advert", "caption-repeated", "figcaption"]


def test_bylines_and_credits_at_the_edges_only() -> None:
    raw = (
        "By Jane Doe and Ali Khan, Reuters\n\n"
        f"{BODY}\n\n"
        "By Monday, prices had risen five percent.\n\n"
        "The central bank did not comment.\n\nAnalysts expect more rises.\n\nMarkets were calm.\n\nTraders waited.\n\n"
        "(Reporting by Amina Okafor; Editing by Peter Hollis)"
    )
    cleaned = clean(raw)
    assert [r.rule for r in cleaned.removed] == ["byline", "credits"]
    assert "By Monday, prices had risen five percent." in cleaned.text  # prose that starts with "By"
    assert "Jane Doe" not in cleaned.text and "Okafor" not in cleaned.text


def test_prose_that_mentions_photos_stays() -> None:
    raw = f"{BODY}\n\nThe photo by the agency was widely shared on social media and drew criticism from officials."
    cleaned = clean(raw)
    assert cleaned.captions == [] and cleaned.removed == []
    assert "The photo by the agency" in cleaned.text


def test_repeated_title_and_kicker_are_removed() -> None:
    raw = "Brazil\nDockworkers strike at Santos\nSANTOS, June 3 - Dockworkers walked off the job.\nShips wait offshore."
    cleaned = clean(raw, title="Dockworkers' strike at Santos")
    assert cleaned.text == "SANTOS, June 3 - Dockworkers walked off the job.\n\nShips wait offshore."
    assert [r.rule for r in cleaned.removed] == ["title", "kicker"]


def test_rules_are_extensible() -> None:
    promo = Rule("mysite-promo", r"Get the Daily Briefing\b.*")
    cleaned = clean(f"{BODY}\n\nGet the Daily Briefing every morning", rules=(promo, *DEFAULT_RULES))
    assert [r.rule for r in cleaned.removed] == ["mysite-promo"]


def test_hard_wrapped_newswire_is_rejoined_into_paragraphs() -> None:
    raw = (
        "Showers continued throughout the week in\nthe cocoa zone, alleviating the drought since early\n"
        "January and improving prospects for the coming crop,\nthe exporters said in their weekly review.\n"
        "    The dry period means the harvest will be late this year.\nArrivals for the week were 155,221 bags\n"
        "of 60 kilos making a cumulative total for the season of 5.93\nmln against 5.81 at the same stage last year.\n"
    )
    paragraphs = clean(raw).text.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("Showers continued throughout the week in the cocoa zone")
    assert "\n" not in paragraphs[1]


def test_each_line_is_a_paragraph_when_not_hard_wrapped() -> None:
    raw = "First paragraph of the story.\nSecond paragraph, which is longer than the first one.\nThird."
    assert (
        clean(raw).text
        == "First paragraph of the story.\n\nSecond paragraph, which is longer than the first one.\n\nThird."
    )


def test_quotes_and_whitespace_normalised() -> None:
    raw = "He said ``we will go'' and\u00a0left.\u200b  „Nein“, she   replied.\r\nNext line."
    assert clean(raw).text == "He said “we will go” and left. “Nein“, she replied.\n\nNext line."


@pytest.mark.parametrize(
    ("caption", "text", "credit"),
    [
        ("Troops parade ( AFP/Getty )", "Troops parade", "AFP/Getty"),
        ("A view of the bridge | Reuters", "A view of the bridge", "Reuters"),
        # an agency's photo credit run on, an agency or "Supplied" after the last full stop,
        # a credit labelled as one (the HTML reader writes the one a caption's markup sets apart)
        (
            "Crowds gather outside the court AP Photo/Jane Roe, File",
            "Crowds gather outside the court",
            "AP Photo/Jane Roe, File",
        ),
        ("The minister left after an hour. AP", "The minister left after an hour.", "AP"),
        ("The lodge reopened after a year of work. Supplied", "The lodge reopened after a year of work.", "Supplied"),
        (
            "Staff left the campus when fighting began.Credit: Example University",
            "Staff left the campus when fighting began.",
            "Example University",
        ),
        (
            "The old pier at dawn. Credit: Jo Bloggs/Harbour Images/Getty",
            "The old pier at dawn.",
            "Jo Bloggs/Harbour Images/Getty",
        ),
        ("Soldiers patrol the AP region at night.", None, None),
        ("Police said the bank had extended credit: loans rose", None, None),
        ("Hundreds queue for the ferry as fares rise. Reuters reported", None, None),
        (
            "A long caption that ends (as captions do) with a sentence about the scene and what happened there today",
            None,
            None,
        ),
    ],
)
def test_split_credit(caption: str, text: str | None, credit: str | None) -> None:
    got_text, got_credit = split_credit(caption)
    assert got_credit == credit
    assert got_text == (text or caption)


_raw_text = st.lists(
    st.sampled_from([*"abc XYZ.,’\"'`“”\n\t\u00a0\u200b\u00ad-()", "``", "''", "\r\n"]), max_size=200
).map("".join)


@given(_raw_text)
@example("'\u200b'")  # a pair of marks that only meet once the invisible character between them goes
@settings(max_examples=500)
def test_every_output_character_points_back_into_the_raw_text(raw: str) -> None:
    cleaned = clean(raw)
    for i, ch in enumerate(cleaned.text):
        j = cleaned.to_raw(i)
        assert 0 <= j < len(raw)
        if ch == "“":
            assert raw[j] in "“`„‟"
        elif ch == "”":
            assert raw[j] in "”'"
        elif ch.isspace():
            assert raw[j].isspace() or raw[j] in "\u200b\u00ad"
        else:
            assert raw[j] == ch


@given(_raw_text)
@example("'\u200b'")
@example("a\r\n\u200b\t\u200b")  # a line of only invisible characters and whitespace is blank
@example("\u200b(c)")  # a rule reads the line without its invisible characters, as cleaning leaves it
@settings(max_examples=500)
def test_cleaning_is_idempotent_and_tidy(raw: str) -> None:
    text = clean(raw).text
    assert clean(text).text == text
    assert text == text.strip()
    assert "  " not in text and "\n\n\n" not in text and "\t" not in text


def test_a_page_s_furniture_codes_no_events() -> None:
    # a page in the style of a wire story on a news site: related headlines, promos and a
    # comment forum around three paragraphs of article
    page = "\n\n".join(
        [
            "Harbour workers walked out in Valdoria on Monday, halting the ferries.",
            "MORE: Police arrest three after clashes at the port gates",
            "CLICK HERE TO GET THE EXAMPLE NEWS APP",
            "The union said the strike would last until Friday.",
            "Trending: Army chief fires his deputy over missing funds",
            "Ministers met the union's leaders on Tuesday.",
            "Comments (3)",
            "Join the conversation",
            "Reply",
        ]
    )
    doc = storyline.process(page, published="2025-03-04", check_language=False)
    assert not any(w in doc.text for w in ("MORE:", "CLICK HERE", "Trending", "Comments"))
    assert {e.trigger.text for e in doc.events}.isdisjoint({"arrest", "clashes", "fires"})
