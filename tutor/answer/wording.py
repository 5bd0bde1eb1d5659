"""Word the answer: one or two plain sentences from a section's summary, and the abstention.

Summaries are single plain-language sentences, but many run to several
clauses ("... and you may use them for reasonable personal use ...") or list
every rule of a section. The answer keeps only the clause, or the list item,
that matches the quoted passage and the question.
"""

from __future__ import annotations

import math
import re

from tutor.answer.terms import terms

SHORT_ENOUGH = 220
# Clause boundaries in the summaries' plain-language style.
_CLAUSE_RE = re.compile(r";\s+|,\s+(?=(?:and|but|so)\s)")
_ITEM_RE = re.compile(r",\s+")
# A summary that lists prohibitions: "Don't use district systems for A, B, C, or D."
_LIST_RE = re.compile(r"^(?P<head>(?:Don't|Do not|Never)\b[^,()]{3,80}?\bfor)\s+(?P<items>.+)$")
# A summary that gives its rules as examples: "Follow the rules on X (for example, A, B, and C), or ...".
_EXAMPLES_RE = re.compile(r"\(for example,\s+(?P<items>[^()]+)\)")
_LEADING_JOINER = re.compile(r"^(?:and|but|so|while|although|because)\s+", re.I)


def _sentence(text: str) -> str:
    text = _LEADING_JOINER.sub("", text.strip().rstrip(",;:. "))
    if not text:
        return ""
    return text[0].upper() + text[1:] + "."


def _split(text: str, boundary: re.Pattern) -> list[str]:
    """Split at `boundary`, but never inside parentheses ("(for example, a, b, and c)")."""
    depth = 0
    outside = []
    for char in text:
        depth += char == "("
        outside.append(depth == 0)
        depth -= char == ")" and depth > 0
    pieces, start = [], 0
    for match in boundary.finditer(text):
        if outside[match.start()]:
            pieces.append(text[start:match.start()])
            start = match.end()
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


def _overlap(text: str, wanted: dict[str, float]) -> float:
    # Summed exactly (fsum): a sum over a set would round differently from one run to the next
    # as the set's order changes, and two parts that tie could each win in turn.
    return math.fsum(wanted.get(t, 0.0) for t in set(terms(text)))


def _list_item(summary: str, wanted: dict[str, float]) -> str | None:
    match = _LIST_RE.match(summary.rstrip("."))
    if not match:
        return None
    items = [re.sub(r"^(?:or|and)\s+", "", i) for i in _split(match.group("items"), _ITEM_RE)]
    if len(items) < 4:
        return None
    ranked = sorted(items, key=lambda i: -_overlap(i, wanted))
    best = ranked[0]
    # No clear winner: the whole summary is safer than a guess.
    if _overlap(best, wanted) <= _overlap(ranked[1], wanted):
        return None
    # A final item may carry a trailing clause ("..., and know the Agency won't pay"): cut it.
    best = _split(best, _CLAUSE_RE)[0]
    return _sentence(f"{match.group('head')} {best}")


def _example(summary: str, wanted: dict[str, float], quote: str) -> str | None:
    """The example in "(for example, A, B, and C)" that states the quoted rule, or, when none
    does, the summary's rule without its examples (an example about another rule would
    contradict the quote)."""
    match = _EXAMPLES_RE.search(summary)
    if not match:
        return None
    items = [re.sub(r"^(?:or|and)\s+", "", i) for i in _split(match.group("items"), _ITEM_RE)]
    quoted = set(terms(quote))
    # An example states the quoted rule when nearly all its words are the quote's.
    fitting = [i for i in items if terms(i) and len(set(terms(i)) & quoted) >= 0.75 * len(set(terms(i)))]
    if fitting:
        return _sentence(max(fitting, key=lambda i: _overlap(i, wanted)))
    return _sentence(summary[: match.start()])


def answer_sentence(summary: str, quote: str, weights: dict[str, float]) -> str:
    """The plain-language answer: the summary if short, else its clause or list item that
    best matches the quote and the question (`weights`: term -> importance)."""
    summary = summary.strip()
    if len(summary) <= SHORT_ENOUGH:
        return summary
    wanted = dict(weights)
    for term in terms(quote):
        wanted[term] = wanted.get(term, 0.0) + 0.5
    item = _list_item(summary, wanted) or _example(summary, wanted, quote)
    if item:
        return item
    best = _best_part(summary, _CLAUSE_RE, wanted, 4) or summary
    if len(best) > SHORT_ENOUGH:
        # Still long: a run of comma-joined clauses ("..., administrators can access ...").
        best = _best_part(best, _ITEM_RE, wanted, 6) or best
    return _sentence(best) if best is not summary else summary


def _best_part(text: str, boundary: re.Pattern, wanted: dict[str, float], min_words: int) -> str | None:
    """The piece of `text` most about the question, when there is a clear one."""
    parts = [p for p in _split(text, boundary) if len(p.split()) >= min_words]
    if len(parts) < 2:
        return None
    scores = [_overlap(p, wanted) for p in parts]
    best = max(range(len(parts)), key=lambda i: (scores[i], -i))
    return parts[best] if scores[best] > 0 else None


def abstention(district_name: str | None, contact: str) -> str:
    """What to say when the policies do not cover the question."""
    whose = f"{district_name}'s acceptable use policy" if district_name else "The acceptable use policies"
    verb = "doesn't" if district_name else "don't"
    return f"{whose} {verb} cover that question. Please ask {contact}."


def elsewhere(district_name: str, other_name: str) -> str:
    """The lead-in when the asker's own policy is silent but another district's speaks to it."""
    return f"{district_name}'s policy doesn't address this directly; the closest rule is in {other_name}'s policy:"


def not_sure(sections: list[str], contact: str) -> str:
    """What to say when the policies touch the question but no passage clearly answers it."""
    listed = "; ".join(sections)
    return (f"I'm not sure the policy answers that exactly. You may want to read: {listed}. "
            f"For a definite answer, please ask {contact}.")


def too_long(length: int, limit: int) -> str:
    """What to say to a question longer than the answerer reads."""
    return (f"That question is {length:,} characters long; please ask it in at most {limit:,} characters "
            f"(one or two sentences).")
