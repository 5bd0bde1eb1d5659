"""A BM25 index over policy passages, with each section's title, summary and keys as extra fields.

Each passage (a sentence or list item) is scored on its own words plus, at a
lower weight, the words of its section's title and plain-language summary and
any keys (quiz and lesson text citing the section). The passage's own words
choose which sentence to quote; the section fields carry the topic, because a
one-line list item ("Do not use another user's account;") rarely shares words
with a question.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from tutor.answer.passages import Passage
from tutor.answer.terms import is_content, pairs, stem, terms, words
from tutor.answer.vocabulary import (
    CASE_SENSITIVE, ELSEWHERE_WORDS, GENERIC_WORDS, IDIOMS, OFF_TOPIC_PHRASES, OFF_TOPIC_WORDS, TOPIC_WORDS, concepts, known_phrase_words, situations,
)

# Weights were set on the `tune` split of tests/ask_eval.yaml and rechecked on it together
# with the `tune2` split of tests/ask_fresh.yaml; results were flat across wide ranges
# of each, so round values were kept.
K1 = 1.2                 # BM25 term-frequency saturation
B = 0.75                 # BM25 length normalisation
HEADING_WEIGHT = 1.0     # title + summary of the passage's section
KEYS_WEIGHT = 0.6        # lesson and quiz text citing the section
KEYS_COVERAGE = 0.5      # credit for a question word found only in a section's keys
ASKS_WEIGHT = 2.0        # the questions written for each section (section_asks.py): the nearest one
ASKS_COVERAGE = 1.0      # credit for a question word found only in those questions
KEYS_ONLY_IDF = 1.0      # scale on the rarity of words that only lessons and quizzes use
EXPANSION_WEIGHT = 0.8   # policy words supplied by the vocabulary, not typed by the asker
PAIR_WEIGHT = 0.5        # adjacent word pairs, on top of the single words
GENERIC_WEIGHT = 0.3     # everyday school words ("teacher", "day"): rare in the policies, never the topic
COVERAGE_FLOOR = 0.25    # rank = score x (floor + coverage): a section must cover the question, not echo one word
# A word nothing knows (not in a policy, lesson, quiz or the vocabulary: "leaky sink")
# weighs this share of the most a word can weigh: typed detail, slang or a proper name
# rather than the topic. Off-topic questions are caught by the topic words instead.
UNKNOWN_SCALE = 0.5
SPREAD_COVERAGE = 0.5    # credit for a question word found only in other sentences of the section than the one quoted
SITUATION_WEIGHT = 0.8   # policy words for the situation the question describes (vocabulary.SITUATIONS)
SPELLING_MIN = 5         # words at least this long (stemmed) are corrected when one edit from a known word
SPELLING_WRITTEN = 3     # a word only the written questions use is known when this many of them use it

_GENERIC = frozenset(stem(w) for w in GENERIC_WORDS)
# Matched on the word as typed or on its stem; short stems are left out ("reply" stems
# to "rep"), and a stem is only compared with stems ("apply" stems to "app").
_TOPIC_STEMS = frozenset(stem(w) for w in TOPIC_WORDS if len(stem(w)) >= 4)


def _with_pairs(sequence: list[str]) -> list[str]:
    return sequence + pairs(sequence)


# A hyphenated compound ("computer-use"), whose parts may name what the policies govern.
_COMPOUND_RE = re.compile(r"[a-z]+(?:-[a-z]+)+")


@dataclass(frozen=True)
class Concept:
    """One idea in the question: the words typed and every term that can stand for it."""

    words: tuple[str, ...]
    terms: frozenset[str]
    weight: float          # how much it matters that the answer covers it (from the rarity of its words)


@dataclass(frozen=True)
class Query:
    """A question as weighted index terms plus the concepts an answer should cover."""

    text: str
    weights: dict[str, float]
    concepts: tuple[Concept, ...]
    on_topic: bool = True  # names something the policies govern (a device, a message, an account ...)
    # Names a matter the policies never govern (pay, leave, a student hurt at home) and, in its
    # own words, nothing they do: what makes it look on-topic is only a phrase ("what do I do"). Or names
    # driving (vocabulary.ELSEWHERE_WORDS), whatever else it names.
    elsewhere: bool = False


@dataclass(frozen=True)
class Hit:
    """A scored passage; `coverage` is the share of the question's concepts its section covers."""

    passage: Passage
    score: float
    coverage: float

    @property
    def ref(self) -> str:
        return self.passage.ref


def _counts(doc: list[str]) -> dict[str, int]:
    """How often each term occurs in `doc`; most documents use each term once."""
    counts = dict.fromkeys(doc, 1)
    return counts if len(counts) == len(doc) else dict(Counter(doc))


class _Field:
    """Term frequencies and lengths for one field of many documents."""

    def __init__(self, docs: list[list[str]]):
        """Count terms per document and build postings (term -> documents using it)."""
        # Plain dicts, not Counters: the index cache unpickles a dict several times faster. A
        # document given twice (one list of terms) is counted once.
        counted: dict[int, dict[str, int]] = {}
        self.tf = []
        for doc in docs:
            if id(doc) not in counted:
                counted[id(doc)] = _counts(doc)
            self.tf.append(counted[id(doc)])
        self.length = [len(d) for d in docs]
        self.avg = (sum(self.length) / len(docs) if docs else 0.0) or 1.0
        self.postings: dict[str, list[int]] = {}
        for number, counts in enumerate(self.tf):
            for term in counts:
                numbers = self.postings.get(term)
                if numbers is None:
                    self.postings[term] = [number]
                else:
                    numbers.append(number)
        self._scored: dict[str, list[tuple[int, float]]] = {}

    def __getstate__(self) -> dict:
        # Worked out again as questions need them, rather than stored in the index cache.
        return {**self.__dict__, "_scored": {}}

    def scored(self, term: str) -> list[tuple[int, float]]:
        """The documents using `term`, each with its saturated frequency of it: worked out the
        first time a question uses the term, so scoring is then a sum of products."""
        found = self._scored.get(term)
        if found is None:
            numbers = self.postings.get(term)
            if numbers is None:
                return []  # not kept: a server sees ever new words
            found = self._scored[term] = [(n, self.saturate(n, term)) for n in numbers]
        return found

    def saturate(self, number: int, term: str) -> float:
        """BM25's saturated, length-normalised term frequency of `term` in document `number`."""
        tf = self.tf[number].get(term, 0)
        if not tf:
            return 0.0
        norm = K1 * (1 - B + B * self.length[number] / self.avg)
        return tf * (K1 + 1) / (tf + norm)


class Index:
    """Scores every passage of the shipped policies against a question."""

    def __init__(self, passages: list[Passage], keys: dict[str, list[str]] | None = None,
                 asks: dict[str, list[str]] | None = None, outside: list[str] | None = None,
                 words: frozenset[str] = frozenset()):
        """Index `passages`; `keys` maps `district:section` to extra texts answered by it (lessons
        and quizzes), `asks` to the staff questions written for it; `outside` holds questions
        written as ones the policies do not answer; `words` are real words (the word table's),
        never corrected as misspellings."""
        keys = keys or {}
        asks = asks or {}
        # Set by the index cache (index_cache.py): the hash of everything the index is built from,
        # and whether this index was read back from the cache rather than built in this process.
        self.cache_key = ""
        self.cache_read = False
        self.outside = _Field([_with_pairs(terms(text)) for text in outside or ()])
        self.passages = passages
        self.refs: list[str] = []
        section_of: list[int] = []
        headings: list[list[str]] = []
        key_docs: list[list[str]] = []
        # Each written question is its own document: a section is as close to the question
        # as its nearest written question, however many others it has.
        ask_docs: list[list[str]] = []
        self.ask_section: list[int] = []
        ask_vocab: list[set[str]] = []
        number: dict[str, int] = {}
        seen_keys: dict[str, list[str]] = {}
        seen_written: dict[str, list[str]] = {}
        for passage in passages:
            ref = passage.ref
            if ref not in number:
                number[ref] = len(self.refs)
                self.refs.append(ref)
                headings.append(_with_pairs(terms(f"{passage.section.title} {passage.section.summary}")))
                key_docs.append(self._key_terms(keys.get(ref, ()), seen_keys))
                written = [self._terms_once(text, seen_written) for text in asks.get(ref, ())]
                ask_docs.extend(written)
                self.ask_section.extend([number[ref]] * len(written))
                ask_vocab.append({t for doc in written for t in doc})
            section_of.append(number[ref])
        self.section_of = section_of
        self._numbers_of: dict[str, list[int]] = {}
        for p_number, passage in enumerate(passages):
            self._numbers_of.setdefault(passage.ref, []).append(p_number)
        self.text = _Field([_with_pairs(terms(p.text)) for p in passages])
        self.heading = _Field(headings)
        self.keys = _Field(key_docs)
        self.asks = _Field(ask_docs)

        # Document frequency is counted per section: a term is topical when few
        # sections use it, however many sentences repeat it within one.
        own_vocab: list[set[str]] = [set(h) for h in headings]
        for p_number, counts in enumerate(self.text.tf):
            own_vocab[section_of[p_number]].update(counts)
        key_vocab = [set(k) for k in key_docs]
        # Only the policies count towards document frequency: lessons and quizzes are
        # still being written, and every new one would otherwise shift all scores and
        # with them the calibrated abstention threshold.
        df: Counter[str] = Counter()
        for own in own_vocab:
            df.update(own)
        n = len(own_vocab)
        self.idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        # A word found only in lesson or quiz text ("sticky note") is weighed by how few
        # sections' keys use it: scenario words ("lunch", "parent") fill quiz prompts
        # whatever the rule, so they come out common.
        key_df: Counter[str] = Counter()
        for extra, written in zip(key_vocab, ask_vocab):
            key_df.update(t for t in extra | written if t not in df)
        for term, d in key_df.items():
            self.idf[term] = KEYS_ONLY_IDF * math.log(1 + (n - d + 0.5) / (d + 0.5))
        self.own_vocab = own_vocab
        self.heading_vocab = [set(h) for h in headings]
        self.key_vocab = key_vocab
        self.ask_vocab = ask_vocab
        # Staff type "pasword" and so do some written questions: a word found only there, in fewer
        # than SPELLING_WRITTEN of them, is no spelling to correct to, nor one left uncorrected.
        written_df: Counter[str] = Counter(t for doc in {tuple(doc) for doc in ask_docs} for t in set(doc))
        in_keys = set().union(*key_vocab)
        self._build_spelling({t for t, d in written_df.items()
                              if d < SPELLING_WRITTEN and t not in df and t not in in_keys}, words)
        # A word no policy uses is as informative as it gets.
        self.unknown_idf = math.log(1 + (n + 0.5) / 0.5)
        # When only a section's title or summary matched, quote the sentence closest to the summary.
        self.lead_of: dict[int, int] = {}
        lead_score: dict[int, float] = {}
        for p_number, s_number in enumerate(section_of):
            heading = set(headings[s_number])
            overlap = sum(self.idf[t] for t in self.text.tf[p_number] if t in heading)
            if s_number not in self.lead_of or overlap > lead_score[s_number]:
                self.lead_of[s_number], lead_score[s_number] = p_number, overlap

    def __getstate__(self) -> dict:
        # The passages are left out of the index cache, which gives back the very ones the index
        # was built from (its key holds their every word): a tenth of the time to read it back.
        return {name: value for name, value in self.__dict__.items() if name != "passages"}

    def _build_spelling(self, rare_written: set[str], words: frozenset[str]) -> None:
        """The known words (policy, lesson and quiz words, those of the written questions but
        `rare_written`, and the vocabulary's own) a misspelt question word is corrected to
        ("pasword", "recieve"). A real word one edit from a known one is no misspelling ("cough" is
        not "couch", "detention" not "detection"): `words` are kept as they are."""
        known = {t for t in self.idf if " " not in t and t not in rare_written} | known_phrase_words()
        self._known_stems = frozenset(known)
        self._real_words = words
        # A word is corrected to a known stem (not to an inflection of one) of at least
        # SPELLING_MIN - 1 letters: one letter left out of a word of SPELLING_MIN.
        self._spellings = frozenset(t for t in known if len(t) >= SPELLING_MIN - 1 and stem(t) == t)
        self._letters = "".join(sorted({letter for t in self._spellings for letter in t}))
        self._corrected: dict[str, str] = {}

    def _one_letter_more(self, text: str) -> set[str]:
        """The spellings that are `text` with one letter put in."""
        spellings, letters = self._spellings, self._letters
        return {longer for i in range(len(text) + 1) for letter in letters
                if (longer := text[:i] + letter + text[i:]) in spellings}

    def correct(self, word: str) -> str:
        """The known word one edit away from an unknown `word`, or `word` itself."""
        done = self._corrected.get(word)
        if done is not None:
            return done
        result = word
        base = stem(word)
        if (len(base) >= SPELLING_MIN and is_content(word) and base not in self._known_stems
                and word.isalpha() and word not in self._real_words):
            found = self._one_letter_more(base)                            # a letter left out
            for i in range(len(base)):
                shorter = base[:i] + base[i + 1:]
                # A letter too many, inside the word: at either end it is more likely a
                # prefix or suffix of another real word ("c-enter", "leak-y").
                if 0 < i < len(base) - 1 and shorter in self._known_stems and stem(shorter) == shorter:
                    found.add(shorter)
                found |= self._one_letter_more(shorter)                     # one letter changed or swapped
            found.discard(base)
            if found:
                # The commonest candidate sharing the first letter: "recieve" -> "receive".
                same_start = [t for t in found if t[0] == base[0]] or sorted(found)
                result = min(same_start, key=lambda t: (self.idf.get(t, 0.0), t))
        if len(self._corrected) > 50_000:  # a long-running chat never grows it without bound
            self._corrected.clear()
        self._corrected[word] = result
        return result

    @staticmethod
    def _terms_once(text: str, seen: dict[str, list[str]]) -> list[str]:
        # Half the written questions are written for twin sections too, and one quiz question is a
        # key for every section it cites: each text is tokenised once, and its one list of terms is
        # shared (and kept once in the index cache).
        if text not in seen:
            seen[text] = _with_pairs(terms(text))
        return seen[text]

    @classmethod
    def _key_terms(cls, texts, seen: dict[str, list[str]]) -> list[str]:
        """The terms of all of a section's keys, as one document."""
        return [term for text in texts for term in cls._terms_once(text, seen)]

    def analyse(self, question: str) -> Query:
        """Turn a question into weighted terms (typed words, then vocabulary expansions)."""
        text = question
        # Idioms that only look like policy words: "to see if I can" is no monitoring.
        question = IDIOMS.sub(" ", question)
        weights: dict[str, float] = {}
        found: list[Concept] = []
        typed_sequence: list[str] = []
        on_topic = any(re.search(rf"\b{word}\b", question) for word in CASE_SENSITIVE)  # "IT"
        # "Personal use" is what the policies allow or limit, whatever it is used on; "appropriate use" what
        # they are about.
        on_topic = on_topic or bool(re.search(r"\b(?:personal|appropriate|inappropriate) use\b", question, re.I))
        # A hyphenated compound is one word ("e-mail"), but its parts may name what the policies govern:
        # a "computer-use form".
        on_topic = on_topic or any(part in TOPIC_WORDS for compound in _COMPOUND_RE.findall(question.lower())
                                   for part in compound.split("-"))
        named = on_topic
        off_topic = False
        # Driving and the like: another matter, whatever device the question names.
        never_governed = False

        def add(term: str, weight: float) -> None:
            weights[term] = max(weights.get(term, 0.0), weight)

        for typed, meaning in concepts(question, self.correct):
            if any(w in OFF_TOPIC_WORDS for w in typed) or " ".join(typed) in OFF_TOPIC_PHRASES:
                # Pay, leave and benefits: an idea no passage can cover.
                found.append(Concept(tuple(typed), frozenset(), self.unknown_idf))
                off_topic = True
                never_governed = never_governed or any(w in ELSEWHERE_WORDS for w in typed)
                continue
            own = [stem(w) for w in typed if is_content(w)]
            extra = [stem(w) for w in meaning if is_content(w)]
            on_topic = on_topic or any(w in TOPIC_WORDS or stem(w) in _TOPIC_STEMS for w in typed)
            # "it" the pronoun names nothing ("IT" the department is matched as typed, above).
            named = named or any((w in TOPIC_WORDS and w != "it") or stem(w) in _TOPIC_STEMS for w in typed)
            # A phrase the vocabulary knows stands for what it means: "sign in" is a login.
            on_topic = on_topic or (len(typed) > 1 and any(w in TOPIC_WORDS for w in meaning))
            typed_sequence.extend(own)
            for term in own:
                add(term, GENERIC_WEIGHT if term in _GENERIC else 1.0)
            # A long expansion ("instagram" -> social networking sites, personal online
            # account) must not outweigh the question's other words just by being long.
            share = EXPANSION_WEIGHT / math.sqrt(len(extra)) if extra else 0.0
            for term in extra:
                add(term, share)
            for pair in pairs(extra):
                add(pair, share * PAIR_WEIGHT)
            if own:
                # A word the policies never use weighs much (it may be off-topic), unless
                # the vocabulary knows what it stands for.
                known = [self.idf[t] for t in extra if t in self.idf]
                if all(t in self.idf for t in own) or not known:
                    weight = max(self.idf.get(t, UNKNOWN_SCALE * self.unknown_idf) for t in own)
                else:
                    weight = sum(known) / len(known)
                if all(t in _GENERIC for t in own) and not extra:
                    weight *= GENERIC_WEIGHT
                found.append(Concept(tuple(typed), frozenset(own + extra), weight))
        for pair in pairs(typed_sequence):
            add(pair, PAIR_WEIGHT)
        situation_concepts: list[Concept] = []
        for meaning in situations({self.correct(w) for w in words(question)}):
            # A situation the policies speak to ("a student's scores" sent to an outsider) is
            # on-topic even when no device or account is named.
            on_topic = True
            extra = [stem(w) for w in meaning if is_content(w)]
            # Not shared out like a long expansion: the situation is the question's intent.
            share = SITUATION_WEIGHT
            for term in extra:
                add(term, share)
            for pair in pairs(extra):
                add(pair, share * PAIR_WEIGHT)
            # The intent matters as much as the question's weightiest word: an answer that
            # misses it (personal accounts, for a teacher messaging students) misleads.
            if any(t in self.idf for t in extra):
                weightiest = max((c.weight for c in found), default=1.0)
                situation_concepts.append(Concept((), frozenset(extra), weightiest))
        return Query(text, weights, tuple(found + situation_concepts), on_topic,
                     (off_topic and not named) or never_governed)

    def search(self, query: Query, districts: set[str] | None = None, written: bool = True) -> list[Hit]:
        """Every passage with a positive score, best first; optionally only some districts'.
        With `written` False the questions written for each section are left out: the
        ranking then rests on the policies' own words (and lessons and quizzes citing them)."""
        text_scores: dict[int, float] = {}
        section_scores: dict[int, float] = {}
        ask_scores: dict[int, float] = {}
        for term, weight in query.weights.items():
            idf = self.idf.get(term)
            if idf is None:
                continue
            for p_number, saturated in self.text.scored(term):
                text_scores[p_number] = text_scores.get(p_number, 0.0) + weight * idf * saturated
            for s_number, saturated in self.heading.scored(term):
                gain = HEADING_WEIGHT * weight * idf * saturated
                section_scores[s_number] = section_scores.get(s_number, 0.0) + gain
            for s_number, saturated in self.keys.scored(term):
                gain = KEYS_WEIGHT * weight * idf * saturated
                section_scores[s_number] = section_scores.get(s_number, 0.0) + gain
            for a_number, saturated in (self.asks.scored(term) if written else ()):
                gain = ASKS_WEIGHT * weight * idf * saturated
                ask_scores[a_number] = ask_scores.get(a_number, 0.0) + gain

        nearest: dict[int, float] = {}
        for a_number, score in ask_scores.items():
            s_number = self.ask_section[a_number]
            nearest[s_number] = max(nearest.get(s_number, 0.0), score)
        for s_number, score in nearest.items():
            section_scores[s_number] = section_scores.get(s_number, 0.0) + score
        best: dict[int, tuple[float, int]] = {}
        for p_number, score in text_scores.items():
            s_number = self.section_of[p_number]
            if score > best.get(s_number, (-1.0, 0))[0]:
                best[s_number] = (score, p_number)
        hits: list[Hit] = []
        coverage_of: dict[int, float] = {}
        prepared = self._prepare(query)
        for s_number in set(best) | set(section_scores):
            text_score, p_number = best.get(s_number, (0.0, self.lead_of[s_number]))
            passage = self.passages[p_number]
            if districts is not None and passage.section.district not in districts:
                continue
            if s_number not in coverage_of:
                coverage_of[s_number] = self._coverage(prepared, s_number, p_number, written)
            score = (text_score + section_scores.get(s_number, 0.0)) * (COVERAGE_FLOOR + coverage_of[s_number])
            hits.append(Hit(passage, score, coverage_of[s_number]))
        hits.sort(key=lambda h: (-h.score, h.ref))
        return hits

    def nearest_written(self, query: Query, count: int = 1) -> tuple[float, float]:
        """How near the question is to the questions written for a section, and to those written
        as ones the policies do not answer: the mean of the `count` best BM25 scores in each,
        scored alike (a word no policy uses weighs as in `analyse`), so the two can be compared.
        Over several, one question that shares a stray word ("disappeared") counts for little."""

        def nearest(field: _Field) -> float:
            scores = self._scores(query, field, UNKNOWN_SCALE * self.unknown_idf)
            return sum(heapq.nlargest(count, scores.values())) / count

        return nearest(self.asks), nearest(self.outside)

    def _scores(self, query: Query, field: _Field, unknown: float | None) -> dict[int, float]:
        """BM25 of each document of `field` using a question word; a word no policy uses weighs
        `unknown`, or nothing when that is None."""
        scores: dict[int, float] = {}
        for term, weight in query.weights.items():
            idf = self.idf.get(term, unknown)
            if idf is None:
                continue
            for number, saturated in field.scored(term):
                scores[number] = scores.get(number, 0.0) + weight * idf * saturated
        return scores

    def nearest_asks(self, query: Query, districts: set[str] | None, count: int) -> list[str]:
        """The sections of the `count` questions written for a section (of `districts`' policies,
        or any) nearest the question, nearest first: BM25 over the written questions, as `search`
        scores them."""
        scores = self._scores(query, self.asks, None)
        refs = (self.refs[self.ask_section[n]] for n in sorted(scores, key=lambda n: (-scores[n], n)))
        return [ref for ref in refs if districts is None or ref.split(":")[0] in districts][:count]

    def passages_of(self, ref: str) -> list[int]:
        """Passage numbers of one section, in order."""
        return self._numbers_of.get(ref, [])

    def best_passage(self, query: Query, ref: str) -> Passage | None:
        """The passage of section `ref` whose own words best match the question."""
        numbers = self.passages_of(ref)
        if not numbers:
            return None

        def own(n: int) -> float:
            return sum(w * self.idf.get(t, 0.0) * self.text.saturate(n, t) for t, w in query.weights.items())

        return self.passages[max(numbers, key=lambda n: (own(n), -n))]

    def answering_passage(self, query: Query, hit: Hit, extra: Callable[[str], float] | None = None) -> Passage:
        """The passage of `hit`'s section that answers the question: scored on the question's
        words weighed by how few of the section's passages use each, so that a word the whole
        section repeats ("web page" in the web-site guidelines) does not pick the quote over
        the one item about what was asked (student photos), plus `extra` of its text (the
        answerer's weighing of what the words miss: closeness in meaning, whom a passage names).
        `hit`'s own passage when no passage of the section uses a question word."""
        numbers = self.passages_of(hit.ref)
        if len(numbers) < 2:
            return hit.passage
        spread: Counter[str] = Counter()
        for n in numbers:
            spread.update(t for t in self.text.tf[n] if t in query.weights)
        scale = math.log(1 + len(numbers))

        def fit(n: int) -> float:
            return sum(w * self.idf.get(t, 0.0) * self.text.saturate(n, t) * math.log(1 + len(numbers) / spread[t])
                       for t, w in query.weights.items() if t in self.text.tf[n]) / scale

        fits = {n: fit(n) for n in numbers}
        if max(fits.values()) <= 0:
            return hit.passage
        if extra is not None:
            fits = {n: f + extra(self.passages[n].text) for n, f in fits.items()}
        return self.passages[max(numbers, key=lambda n: (fits[n], -n))]

    def shared_word(self, query: Query, first: str, second: str) -> float:
        """How specific the most specific question word is that both quoted texts use (its idf; 0
        when they share none): two sections whose quotes name the very thing asked about
        ("listserv") state rules on it, not on two different subjects."""
        shared = set(terms(first)) & set(terms(second))
        return max((self.idf.get(t, 0.0) for t in query.weights if t in shared), default=0.0)

    def _prepare(self, query: Query) -> tuple[float, list[tuple[float, list[tuple[str, float]], float]]]:
        """Per concept, once per question: its weight, its single-word terms the index knows
        (rarest first) and the rarest one's weight; and the total weight of all concepts."""
        total = sum(c.weight for c in query.concepts)
        prepared = []
        for concept in query.concepts:
            ranked = sorted(((t, self.idf[t]) for t in concept.terms if " " not in t and t in self.idf),
                            key=lambda pair: -pair[1])
            if ranked:
                prepared.append((concept.weight, ranked, ranked[0][1]))
        return total, prepared

    def _coverage(self, prepared, s_number: int, p_number: int, written: bool = True) -> float:
        """The weighted share of the question's concepts that the section speaks to: in full
        when the quoted passage or the section's title and summary use a word, less when only
        another sentence of the section does (a long section uses many words), and less again
        when only lessons and quizzes citing it do."""
        total, concepts = prepared
        if not total:
            return 0.0
        own, keys = self.own_vocab[s_number], self.key_vocab[s_number]
        asks = self.ask_vocab[s_number] if written else frozenset()
        heading, text = self.heading_vocab[s_number], self.text.tf[p_number]
        covered = 0.0
        for weight, ranked, top in concepts:
            # Credit by the most specific word matched: "shopping" is covered by
            # "purchasing items", barely by "personal". Lesson and quiz wording is
            # scenario-laden: weaker evidence than the policy's own words.
            credit = 0.0
            for term, idf in ranked:
                if idf <= credit:
                    break  # rarest first: no later term can give more
                if term in heading or term in text:
                    credit = idf
                    break
                if term in own:
                    credit = max(credit, SPREAD_COVERAGE * idf)
                if term in asks:
                    credit = max(credit, ASKS_COVERAGE * idf)
                if term in keys:
                    credit = max(credit, KEYS_COVERAGE * idf)
            covered += weight * credit / top
        return covered / total
