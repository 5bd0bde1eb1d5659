"""Typed, immutable records for everything loaded from the content folders."""

from __future__ import annotations

from dataclasses import dataclass, field

DISTRICT_IDS = ("crec", "thomaston", "clinton", "ces", "stafford")
REQUIRED_TOPICS = ("prohibited-uses", "privacy", "passwords", "supervising-students", "copyright")
QUESTION_TYPES = ("single", "multiple", "true_false")


@dataclass(frozen=True)
class Citation:
    """A reference to one section of one district's policy, written `district:section`."""

    district: str
    section: str

    @classmethod
    def parse(cls, ref: str) -> "Citation":
        district, _, section = ref.partition(":")
        return cls(district.strip(), section.strip())

    @property
    def ref(self) -> str:
        return f"{self.district}:{self.section}"

    def __str__(self) -> str:
        return self.ref


@dataclass(frozen=True)
class Section:
    """One citable section of a policy, in the policy's own words."""

    district: str
    id: str
    title: str
    part: str
    policy: str
    summary: str
    text: str
    equivalent_to: tuple[Citation, ...] = ()
    line: int = 0

    @property
    def citation(self) -> Citation:
        return Citation(self.district, self.id)


@dataclass(frozen=True)
class Policy:
    """A district's policy document, split into sections."""

    district: str
    title: str
    policy: str
    source_file: str
    dates: dict[str, str]
    sections: tuple[Section, ...]
    path: str = ""

    def section(self, section_id: str) -> Section | None:
        for section in self.sections:
            if section.id == section_id:
                return section
        return None


@dataclass(frozen=True)
class Acknowledgment:
    text: str
    drafted: bool
    basis: tuple[Citation, ...]


@dataclass(frozen=True)
class Contacts:
    ask: str
    report_to: str
    hr: str
    ask_source: Citation | None = None
    report_source: Citation | None = None


@dataclass(frozen=True)
class District:
    """A district profile: who the staff are, whom to ask, what they sign."""

    id: str
    name: str
    short_name: str
    home_page: str
    policy_numbers: tuple[str, ...]
    sources: tuple[str, ...]
    acknowledgment: Acknowledgment
    contacts: Contacts
    pass_mark: float = 0.8
    renewal_days: int = 365
    new_hire_due_days: int = 30
    path: str = ""


@dataclass(frozen=True)
class Choice:
    id: str
    text: str


@dataclass(frozen=True)
class Question:
    """One quiz question with its stable choice ids, answer and citation."""

    id: str
    type: str
    prompt: str
    choices: tuple[Choice, ...]
    answer: frozenset[str]
    explanation: str
    sources: tuple[Citation, ...]
    topic: str
    districts: tuple[str, ...] = ()
    scenario: bool = False
    path: str = ""
    line: int = 0

    def choice(self, choice_id: str) -> Choice | None:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        return None


@dataclass(frozen=True)
class Step:
    """One chat-sized step of a lesson."""

    title: str
    body: str
    districts: tuple[str, ...] = ()
    check: Question | None = None
    line: int = 0  # the heading's line
    body_line: int = 0  # the line of the body's first line

    def applies_to(self, district: str) -> bool:
        return not self.districts or district in self.districts


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    topic: str
    order: int
    required: bool
    sources: tuple[Citation, ...]
    steps: tuple[Step, ...]
    districts: tuple[str, ...] = ()
    path: str = ""

    def applies_to(self, district: str) -> bool:
        return not self.districts or district in self.districts

    def steps_for(self, district: str) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if step.applies_to(district))


@dataclass(frozen=True)
class ContentError:
    """A problem in a content file, reported as `path:line: message`."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Content:
    """Everything the tutor teaches, as loaded from one content directory."""

    root: str
    policies: dict[str, Policy] = field(default_factory=dict)
    districts: dict[str, District] = field(default_factory=dict)
    lessons: dict[str, Lesson] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    errors: list[ContentError] = field(default_factory=list)

    def section(self, citation: Citation) -> Section | None:
        policy = self.policies.get(citation.district)
        return policy.section(citation.section) if policy else None

    def lessons_for(self, district: str) -> list[Lesson]:
        """A district's lessons in teaching order."""
        return sorted(
            (lesson for lesson in self.lessons.values() if lesson.applies_to(district)),
            key=lambda lesson: (lesson.order, lesson.id),
        )

    def cites_for(self, district: str, citations) -> list[Citation]:
        """The citations that are the district's own (directly or through `equivalent_to`)."""
        profile = self.districts.get(district)
        own = set(profile.sources) if profile else {district}
        out: list[Citation] = []
        for citation in citations:
            if citation.district in own:
                if citation not in out:
                    out.append(citation)
                continue
            section = self.section(citation)
            for twin in section.equivalent_to if section else ():
                if twin.district in own and twin not in out:
                    out.append(twin)
        return out

    def question_applies(self, question: Question, district: str) -> bool:
        """A question is asked of a district's staff when tagged for it, or when
        untagged and it cites a rule of that district's own policy."""
        if question.districts:
            return district in question.districts
        return bool(self.cites_for(district, question.sources))

    def questions_for(self, district: str, topic: str | None = None) -> list[Question]:
        """Questions a district's staff may be asked, optionally for one topic, in id order."""
        return sorted(
            (
                q
                for q in self.questions.values()
                if (topic is None or q.topic == topic) and self.question_applies(q, district)
            ),
            key=lambda q: q.id,
        )

    def topics(self) -> list[str]:
        seen: dict[str, None] = {}
        for lesson in sorted(self.lessons.values(), key=lambda l: (l.order, l.id)):
            seen.setdefault(lesson.topic)
        for question in self.questions.values():
            seen.setdefault(question.topic)
        return list(seen)
