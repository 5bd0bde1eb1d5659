"""Turn text into index terms: lower-cased words, stop words dropped, light stemming."""

from __future__ import annotations

import re
from functools import lru_cache

# Apostrophes are folded first so "don't" and "don’t" become one word.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# "e-mail" and "email", "co-workers" and "coworkers" are the same word.
_HYPHEN_RE = re.compile(r"(?<=[a-z])[-\u2010\u2011](?=[a-z])")

# Function words plus the filler staff put around a question ("is it ok if I ...").
# Words that carry meaning in this domain (no, not, personal, home, all) are
# deliberately kept.
STOP_WORDS = frozenset(
    """
    a about above after again against am an and any anything are aren't as at be because been before
    being below between both but by can can't could couldn't did didn't do does doesn't doing don't
    down during each even ever few for from further get gets getting got had hadn't has hasn't have
    haven't having he her here hers herself him himself his how i i'd i'll i'm i've if in into is isn't
    it it's its itself just let let's like me might more most must mustn't my myself nor of off ok okay
    on once only or other ought our ours ourselves out over own same shall she should shouldn't so some
    something such than that that's the their theirs them themselves then there there's these they
    they're this those through to too under until up us very was wasn't we we're were weren't what
    what's when where which while who whom will with won't would wouldn't you you're your yours
    yourself yourselves also etc e g i.e really actually maybe still alright fine anyone anybody
    someone somebody everyone everybody thing things stuff way kind bit little lot lots quick quickly
    please yes im ive id ill allowed allow permitted supposed able need needs want wants going try much many
    cool hey hi hello thanks thank um uh seriously literally basically honestly totally anyway anyways
    wondering curious okay alright whether though who's where's how's here's
    """.split()
)

# Chat spelling: contractions typed without the apostrophe ("whats", "dont") and the
# shorthand staff use in a hurry ("u", "thru", "pls", "pics"). Each becomes the word it
# stands for before stop words are dropped, so "whats" is as empty as "what's" and "pics"
# meets "pictures". Only forms with one reading are listed ("ill", "id" and "its" are not).
CHAT_WORDS: dict[str, str] = {
    **{bare: bare[:-1] + "'" + bare[-1] for bare in (
        "dont doesnt didnt cant wont isnt arent wasnt werent shouldnt couldnt wouldnt hasnt havent "
        "hadnt mustnt whats thats theres heres wheres whos hows").split()},
    "youre": "you're", "theyre": "they're", "ive": "i've", "youve": "you've", "theyve": "they've", "weve": "we've", "youll": "you'll",
    "u": "you", "ur": "your", "r": "are", "ya": "you", "thru": "through", "tho": "though",
    "pls": "please", "plz": "please", "thx": "thanks", "ty": "thanks", "bc": "because", "cuz": "because",
    "cos": "because", "gonna": "going", "wanna": "want", "gotta": "must", "kinda": "kind", "sorta": "sort",
    "dunno": "don't know", "idk": "don't know", "lol": "", "btw": "", "tbh": "", "fyi": "", "imo": "",
    "rn": "now", "tmrw": "tomorrow", "tmr": "tomorrow", "b4": "before", "abt": "about", "bout": "about",
    "smth": "something", "ppl": "people", "msg": "message", "msgs": "messages", "txt": "text",
    "txts": "texts", "pic": "picture", "pics": "pictures", "info": "information", "sig": "signature",
    "pw": "password", "pwd": "password", "acct": "account", "dept": "department", "q": "question",
    "qq": "question", "k": "ok", "yr": "year", "yrs": "years", "hw": "homework", "vid": "video",
    "vids": "videos", "convo": "conversation", "govt": "government",
}


def _chat(token: str) -> list[str]:
    normal = CHAT_WORDS.get(token)
    if normal is None:
        return [token]
    return normal.split()


def words(text: str) -> list[str]:
    """Lower-case word tokens of `text`, keeping internal apostrophes (don't, kid's), with chat
    spellings written out ("whats" -> "what's", "u" -> "you")."""
    text = text.lower()
    if "\u2019" in text or "\u2018" in text or "`" in text:
        text = text.translate(_APOSTROPHES)
    if "-" in text or "\u2010" in text or "\u2011" in text:
        text = _HYPHEN_RE.sub("", text)
    raw = _WORD_RE.findall(text)
    if CHAT_WORDS.keys().isdisjoint(raw):
        return raw
    return [w for t in raw for w in _chat(t)]


# Policies, keys and questions repeat a few thousand distinct words many times over.
@lru_cache(maxsize=8192)  # bounded: a long-running server sees ever new words
def stem(word: str) -> str:
    """A light suffix stripper: enough to match monitor/monitoring/monitored and
    password/passwords without a full Porter stemmer's surprises."""
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    if len(word) <= 3:
        return word
    # Two spellings of one word: Clinton's and Stafford's "acknowledgement", the others' "acknowledgment".
    word = word.replace("dgement", "dgment")
    for suffix, replacement in (
        ("ibilities", "ible"),
        ("abilities", "able"),
        ("ibility", "ible"),
        ("ability", "able"),
        ("ational", "ate"),
        ("ization", "ize"),
        ("ations", "ate"),
        ("ation", "ate"),
        ("ingly", ""),
        ("ities", "ity"),
        ("ies", "y"),
        ("ied", "y"),
        ("sses", "ss"),
        ("ings", ""),
        ("ing", ""),
        ("edly", ""),
        ("ed", ""),
        ("ers", "er"),
        ("ly", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= (2 if suffix.endswith("ity") or suffix.endswith("ities") else 3):
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                break
            word = word[: len(word) - len(suffix)] + replacement
            # "shopping" -> "shopp" -> "shop": undo the doubled final consonant.
            if suffix in ("ing", "ed", "ings") and len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    # Fold a final "e" so use/using/used and share/sharing meet.
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def is_content(word: str) -> bool:
    """False for stop words and bare numbers, which never become index terms."""
    return word not in STOP_WORDS and not word.isdigit()


def terms(text: str) -> list[str]:
    """The index terms of `text`, in order, with repeats."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS and not w.isdigit()]


def pairs(sequence: list[str]) -> list[str]:
    """Adjacent term pairs ("communication personal"), which reward a passage that
    uses the question's words together rather than scattered. Order is ignored:
    "delete a message" and "message delete function" are the same pair."""
    return [f"{a} {b}" if a < b else f"{b} {a}" for a, b in zip(sequence, sequence[1:]) if a != b]
