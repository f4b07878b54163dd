"""The rule set that tells scraping boilerplate from article text.

Each :class:`Rule` matches one whole line (stripped). A ``caption`` rule moves the line to the
document's ``captions`` (its credit split off by :func:`split_credit`); a ``byline`` or
``drop`` rule moves it to the document's ``boilerplate`` record. Nothing is deleted unseen.

To extend: ``clean(text, rules=(Rule("mysite-promo", r"Get the app\\b.*"), *DEFAULT_RULES))``.
Rules are tried in order; the first that matches wins, so put your own first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["DEFAULT_RULES", "Rule", "split_credit"]

Action = Literal["caption", "byline", "drop"]
Where = Literal["anywhere", "edges"]

# Lines longer than this are prose, whatever they start with: a promo or share line is short.
_SHORT = 220


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: str  # a regular expression matched against the whole stripped line, case-insensitive
    action: Action = "drop"
    where: Where = "anywhere"  # "edges": only among the first or last few lines of the article
    max_len: int = _SHORT
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern, re.IGNORECASE))

    def match(self, line: str) -> re.Match[str] | None:
        if len(line) > self.max_len:
            return None
        return self.regex.fullmatch(line)


_NAME = r"[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|al|bin|la|le|da|dos|du))*"

# News agencies whose name is a photo credit on its own, as captions write them (case matters:
# "AP", not "ap").
_AGENCIES = r"(?-i:AP|AFP|EPA|Reuters|Getty(?: Images)?|PA(?: Wire)?|Xinhua|Bloomberg|Shutterstock|Alamy|NurPhoto)"

_NOT_NAMES = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|"
    r"july|august|september|october|november|december|the|then|now|contrast|comparison|law|far)\b"
)

DEFAULT_RULES: tuple[Rule, ...] = (
    # "open image in gallery Trump hosted Putin in Alaska for talks last week ( AFP/Getty )"
    Rule(
        "gallery", r"(?:open|view|expand|enlarge) (?:image|photo) in gallery\s*(?P<caption>.*)", "caption", max_len=600
    ),
    # figcaptions that the HTML reader appends: "figure caption: Idle cranes ... Photo: Jane Roe/Reuters"
    Rule("figcaption", r"figure caption:\s*(?P<caption>.*)", "caption", max_len=1000),
    # What the HTML reader found is not a photo's caption: a figure that links to another story
    # (a teaser card), one with no photo ("Powered by" under a logo), and a heading, paragraph
    # or list item that is wholly a link ("- India shoots missiles into ..." under "Read more").
    Rule("teaser-figure", r"figure link:.*", "drop", max_len=1000),
    Rule("figure-without-photo", r"figure without a photo:.*", "drop", max_len=1000),
    Rule("teaser-link", r"link line:.*", "drop", max_len=1000),
    # BBC style: "Image caption, Residents queue for water"
    Rule("image-caption", r"(?:image|video|media) caption,?\s*(?P<caption>.+)", "caption", max_len=600),
    # "Photo: Leaders pose for a group photograph in Abuja / AFP", "Photograph: Workers gather at ..."
    Rule("photo-line", r"(?:photo|photograph|picture|image|pictured)\s*:\s*(?P<caption>.+)", "caption", max_len=600),
    # "Idle cranes stand over the terminal. Photo: Jane Roe/Reuters", "... (Photo by X/Getty Images)"
    Rule(
        "credited-caption",
        r".+?\s*[(\[]?\s*(?:photo(?:graph)?|picture|image)s?\s*(?:by|:|credit:)\s*"
        r"[^\s()\[\]!?;]+(?:\s+[^\s()\[\]!?;]+){0,6}(?<!\.)\s*[)\]]?",
        "caption",
        max_len=600,
    ),
    Rule("image-source", r"(?:image|photo|picture) (?:source|credit)s?\s*[,:]\s*.{2,80}", "drop"),
    # Bylines and agency tag lines.
    # "By Jane Doe, Diplomatic Correspondent" — but not "By Monday, prices had risen."
    Rule(
        "byline",
        rf"(?!.*[.!?]$)by\s+(?!{_NOT_NAMES})(?-i:{_NAME})(?:\s*(?:,|and|&|\|)\s*.{{0,90}})?",
        "byline",
        where="edges",
        max_len=160,
    ),
    Rule(
        "credits",
        r"\(?\s*(?:with )?(?:additional )?(?:reporting|writing|editing|compiled|research) by\b.{2,200}\)?",
        "byline",
        where="edges",
        max_len=260,
    ),
    Rule(
        "dateline-stamp",
        r"(?:published|updated|last updated|posted)\s*:?\s*.{0,40}(?:\d|ago|gmt|utc|bst|edt|est|cet)\S*.{0,20}",
        "drop",
        where="edges",
        max_len=90,
    ),
    # Cross-links and promos.
    Rule(
        "read-more",
        r"(?:read more|read next|more on this story|related(?: stories| articles| coverage)?|see also|also read|recommended|most read|watch|listen)\s*(?:[:|>»–—-].*)?",
        "drop",
    ),
    Rule(
        "share",
        r"(?:share (?:this|on|via|article|story)\b.*|share:?|tweet this|email this|print this( article)?|copy link|follow us\b.*|like us on .*)",
        "drop",
    ),
    Rule(
        "subscribe",
        r"(?:sign up|subscribe|register|join|get) (?:to|for|now|our|today|free|the)\b.*(?:newsletter|inbox|updates|alerts|subscription|briefing|email|app|free)\b.*",
        "drop",
    ),
    # An ad slot's label, often run together with the widget's name: "Advertisement",
    # "Story continues below", "Advertisement 1Story continues below",
    # "Advertisement embed-more-topicStory continues below"
    Rule(
        "advert",
        r"(?:advertisement|sponsored(?: content)?|scroll (?:down|to continue).*|continue reading.*|skip (?:advertisement|ad))"
        r"|.{0,60}?(?:story|article|content) continues (?:below|after)\b.{0,40}",
        "drop",
    ),
    # A sponsor's or a platform's label: "Powered by", "Sponsored by Acme", "Presented by"; a
    # label, so capitalised and with no full stop (a newswire line "sponsored by Georgetown
    # University." is the end of a sentence wrapped at 70 columns)
    Rule("sponsor", r"(?-i:[PSB])(?:owered|ponsored|resented|rought to you) by\b[^.!?]{0,60}", "drop", max_len=80),
    # A screen reader's or a layout's label: Postmedia's "Article content" above every story
    Rule("page-label", r"article content|skip to (?:main )?content|back to top", "drop"),
    Rule("app-promo", r"(?:download|get) (?:the|our) .{0,40}\bapp\b.*", "drop"),
    # The outlet asking the reader to sign up, wherever in the line: "For the latest breaking
    # news ... from the Daily Star, sign up for our newsletters.", "... Sign up for our daily
    # push alerts here.", "Please bookmark nationalpost.com and sign up for our daily newsletter"
    Rule(
        "newsletter",
        r".{0,240}\b(?:sign(?:ing)? up|subscrib(?:e|ing)|register)\s+(?:for|to)\s+(?:our\b.{0,40}?\b(?:newsletters?|"
        r"alerts?|e-?mails?|updates|briefings?|bulletins?|notifications?)|the\b.{0,40}?\bnewsletters?)\b.{0,120}",
        "drop",
        max_len=360,
    ),
    # "Follow Metro.co.uk on Twitter and Facebook for the latest news updates."
    Rule(
        "follow-prompt",
        r"follow\s+(?:\S+\s+){1,3}on\s+(?:twitter|x|facebook|instagram|tiktok|threads|bluesky|linkedin|whatsapp)\b.*",
        "drop",
        max_len=360,
    ),
    # An affiliate-link disclosure: "... Postmedia may earn an affiliate commission from purchases
    # made through links on this page."
    Rule(
        "affiliate",
        r".{0,200}\b(?:affiliate (?:commission|link|partner)s?|(?:earn|receive|get) (?:an? )?(?:small )?commission\b"
        r".{0,40}\b(?:purchases?|links?|buy))\b.{0,200}",
        "drop",
        max_len=400,
    ),
    # The writer's address under the story: "Email: dpaglinawan@postmedia.com"
    Rule("contact", r"(?:e-?mail(?: me| us)?|contact)\s*:?\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\.?", "drop"),
    # A related article's headline set off by a label: "MORE: Senate passes the budget bill",
    # "related storiesÂ fresh violence in ..." (a run of headlines, separators mangled)
    Rule(
        "related-headline",
        r"(?:more|trending|top stories|latest|editor'?s picks?|most popular|what to know)\s*:\s*.{3,200}"
        r"|related (?:stories|articles|news|coverage)(?![a-z]).*",
        "drop",
        max_len=400,
    ),
    # "CLICK HERE TO GET THE FOX NEWS APP", "Click here for the latest headlines"
    Rule("click-here", r"(?:click|tap) here\b.*", "drop"),
    Rule(
        "promo",
        r"(?:listen to (?:this|the) (?:article|story)|support (?:our|independent|quality) journalism"
        r"|(?:get|receive) (?:breaking news|the latest)\b.*(?:alerts?|updates?|newsletters?|notifications?)"
        r"|for the latest (?:news|updates|headlines)\b.*(?:visit|follow|download|sign up))\b.*",
        "drop",
    ),
    # A comment forum's furniture under the story: "Comments (12)", "Join the conversation",
    # "Log in to reply", "Report abuse", "Sort by newest"
    Rule(
        "comments",
        r"(?:\d+\s+)?comments?(?:\s*\(\d+\))?|(?:add|post|leave|view|show|read|see) (?:a |your |all |the )?"
        r"(?:\d+ )?comments?\b.*|join the (?:conversation|discussion)\b.*|(?:log|sign) in to (?:comment|reply)\b.*"
        r"|report (?:abuse|this comment)|reply|sort by\b.{0,30}|\d+ (?:replies|likes|reactions)",
        "drop",
    ),
    # The outlet asking for the reader's view: "What do you think? Let us know in the comments
    # below", "Have your say", "Share your thoughts in the comments" (but not a wrapped
    # newswire line: "let us know what they intend to do," he said)
    Rule(
        "comment-prompt",
        r"(?:what do you think\??\s*)?(?:(?:let us know|tell us|share your (?:thoughts|views))\b.{0,40}?"
        r"\b(?:comments?|below|what you think|your (?:thoughts|views))\b|have your say\b).{0,80}",
        "drop",
        max_len=180,
    ),
    # A photo credit left on its own line: "(AP Photo/Evan Vucci)", "Jane Roe/Reuters"
    Rule(
        "photo-credit",
        r"[(\[]?\s*(?:AP|AFP|EPA|Reuters|Getty|PA|Xinhua)\s+(?:photo|images?)\s*/\s*[^()\[\]/]{2,60}[)\]]?"
        r"|[(\[]?\s*(?-i:[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*/\s*(?:AP|AFP|EPA|Reuters|Getty Images|"
        r"Bloomberg|Shutterstock|Alamy|PA(?: Wire)?|Xinhua|NurPhoto)[)\]]?",
        "drop",
        max_len=90,
    ),
    Rule(
        "cookie",
        r"(?:we use cookies|this (?:site|website) uses cookies|accept (?:all )?cookies|manage (?:cookie )?preferences).*",
        "drop",
    ),
    Rule("copyright", r"(?:©|\(c\)|copyright\b)\s*.{0,150}", "drop", where="edges"),
)

# A credit at the end of a caption: "( AFP/Getty )", "Photo: Jane Roe/Reuters",
# "(Photo by John Doe/Getty Images)", "/ AFP", "| Reuters", and the credit the HTML reader
# read off the caption's markup or the page wrote so: "... broke out.Credit: Mashreq University".
_CREDIT_TAILS = (
    re.compile(
        r"(?:^|(?<=[\s.!?)\]]))\s*(?:(?:photo|image|picture)s?\s+)?(?-i:Credits?)\s*:\s*(?P<credit>[^()\[\]]{2,120}?)\s*$",
        re.I,
    ),
    re.compile(
        r"\s*[(\[]\s*(?:(?:photo|picture|image)s?\s*(?:by|:)\s*)?(?P<credit>[^()\[\]]{2,80}?)\s*[)\]]\s*$", re.I
    ),
    re.compile(r"\s*(?:photo(?:graph)?|picture|image)s?\s*(?:by|:|credit:)\s*(?P<credit>[^()\[\]]{2,80}?)\s*$", re.I),
    re.compile(r"\s+[/|]\s+(?P<credit>[^/|]{2,60}?)\s*$"),
    # An agency's photo credit run on without brackets: "... entering the country AP Photo/Edgar H. Clemente"
    re.compile(rf"\s+(?P<credit>{_AGENCIES}\s+Photos?\s*/\s*[^/()\[\]]{{2,60}}?)\s*$"),
    # An agency, or "Supplied", after the caption's last sentence: "... for about an hour. AP",
    # "... redesigned from the ground up. Supplied"
    re.compile(rf"(?<=[.!?”’\"'])\s+(?P<credit>(?:{_AGENCIES}|Supplied|Handout|File)(?:\s+(?:Photo|Images))?)\s*$"),
)
# A credit is a name or agency, not a sentence: a few words.
_MAX_CREDIT_WORDS = 7
# A "Credit:" label says what follows is one, so it may be longer: "Yan Dobronosov/Global Images Ukraine/Getty"
_MAX_LABELLED_CREDIT_WORDS = 12


def split_credit(caption: str) -> tuple[str, str | None]:
    """Split a caption into its text and its photo credit, if it ends with one."""
    for n, pattern in enumerate(_CREDIT_TAILS):
        m = pattern.search(caption)
        if m and len(m.group("credit").split()) <= (_MAX_LABELLED_CREDIT_WORDS if n == 0 else _MAX_CREDIT_WORDS):
            text = caption[: m.start()].rstrip(" -–—,;:")
            return text, m.group("credit").strip()
    return caption.strip(), None
