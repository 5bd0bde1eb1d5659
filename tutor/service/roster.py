"""Staff roster import: validate every row first, then import all of them or none."""

from __future__ import annotations

from tutor.errors import TutorError

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from tutor.content.model import Content
from tutor.domain.identity import hash_code, new_enrollment_code
from tutor.store.people import Person
from tutor.store.records import Records

REQUIRED_COLUMNS = ("employee_id", "name", "email", "school", "role", "hire_date")
OPTIONAL_COLUMNS = ("district", "end_date")
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,63}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Characters that do not show, or change how the text around them shows: controls (tabs and line
# breaks too), format characters such as right-to-left overrides and zero-width spaces, line and
# paragraph separators, and the blank "filler" letters. A name holding one can look exactly like
# another person's, or reorder what a report shows.
INVISIBLE_CATEGORIES = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))
INVISIBLE_CHARACTERS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0")
_ZERO_WIDTH_JOINER = "\u200d"
MAX_FIELD = 500


@dataclass(frozen=True)
class RowError:
    row: int  # the line number in the file, header = 1
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}"


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    extra_columns: tuple[str, ...]


class RosterInvalid(TutorError):
    """The file has problems; nothing was imported."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def invisible_character(text: str) -> str | None:
    """The first character in `text` that a reader cannot see, as 'U+202E RIGHT-TO-LEFT OVERRIDE', or None.

    A zero-width joiner inside an emoji sequence (such as a teacher emoji with a skin tone) is
    part of a visible picture and is allowed; anywhere else it is refused like the others.
    """
    for i, ch in enumerate(text):
        if ch == _ZERO_WIDTH_JOINER and _joins_pictures(text, i):
            continue
        if ch in INVISIBLE_CHARACTERS or unicodedata.category(ch) in INVISIBLE_CATEGORIES:
            kind = "control character" if unicodedata.category(ch) == "Cc" else "unnamed character"
            return f"U+{ord(ch):04X} {unicodedata.name(ch, kind)}"
    return None


def _joins_pictures(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    # Emoji are symbols (So); a skin tone is a modifier (Sk); VS16 (a variation selector) may follow a symbol.
    if before == "\ufe0f" and i > 1:
        before = text[i - 2]
    return bool(before and after) and unicodedata.category(before) in ("So", "Sk") and unicodedata.category(after) == "So"


def _date(value: str, column: str, errors: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append(f"{column} '{value}' is not a date like 2026-08-25")
        return None


def parse_roster(data: bytes, content: Content, default_district: str | None) -> tuple[list[Person], tuple[str, ...]]:
    """Validate a roster CSV; return the people and the extra column names, or raise RosterInvalid."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RosterInvalid([RowError(1, f"the file is not UTF-8 text (byte {exc.start}); save it as CSV UTF-8")]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise RosterInvalid([RowError(1, "the file is empty; the first row must name the columns")]) from None
    except csv.Error as exc:
        raise RosterInvalid([RowError(1, f"not a readable CSV file: {exc}")]) from None
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    duplicates = sorted({h for h in header if header.count(h) > 1 and h})
    if missing or duplicates:
        problems = []
        if missing:
            problems.append(f"missing column(s): {', '.join(missing)} (required: {', '.join(REQUIRED_COLUMNS)})")
        if duplicates:
            problems.append(f"column(s) named twice: {', '.join(duplicates)}")
        raise RosterInvalid([RowError(1, "; ".join(problems))])
    extra = tuple(h for h in header if h not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS and h)

    people: list[Person] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    row_number = 1
    while True:
        # A quoted cell may hold a line break, so a row can span lines: name the line it starts on.
        starts = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(RowError(reader.line_num, f"not readable as CSV: {exc}"))
            break
        row_number = starts
        if not any(v.strip() for v in values):
            continue  # blank lines are not people
        problems: list[str] = []
        if len(values) > len(header):
            problems.append(f"{len(values)} cells but only {len(header)} columns")
        row = {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)}
        for column, value in row.items():
            hidden = invisible_character(value)
            if hidden:
                problems.append(f"{column} contains an invisible or control character ({hidden})")
            if len(value) > MAX_FIELD:
                problems.append(f"{column} is longer than {MAX_FIELD} characters")
        employee_id = row["employee_id"]
        if not employee_id:
            problems.append("employee_id is empty")
        elif not _ID_RE.match(employee_id):
            problems.append(f"employee_id '{employee_id}' may contain only letters, digits, '.', '_' and '-'")
        elif employee_id in seen:
            problems.append(f"employee_id '{employee_id}' is also on row {seen[employee_id]}")
        if not row["name"]:
            problems.append("name is empty")
        if row["email"] and not _EMAIL_RE.match(row["email"]):
            problems.append(f"email '{row['email']}' is not an e-mail address")
        hire = _date(row["hire_date"], "hire_date", problems)
        if not row["hire_date"]:
            problems.append("hire_date is empty")
        end = _date(row.get("end_date", ""), "end_date", problems)
        if hire and end and end < hire:
            problems.append("end_date is before hire_date")
        district = row.get("district", "") or default_district
        if not district:
            problems.append("no district: add a district column or set one with `tutor settings set district ID`")
        elif district not in content.districts:
            problems.append(f"district '{district}' is not one of {', '.join(sorted(content.districts))}")
        if problems:
            errors.append(RowError(row_number, "; ".join(problems)))
            continue
        seen[employee_id] = row_number
        people.append(Person(
            employee_id=employee_id, name=" ".join(row["name"].split()), email=row["email"], school=row["school"],
            role=row["role"], hire_date=hire, end_date=end, district=district, on_roster=True,
            extra={c: row[c] for c in extra if row.get(c)},
        ))
    if errors:
        raise RosterInvalid(errors)
    if not people:
        raise RosterInvalid([RowError(row_number, "the file has no staff rows under its header")])
    return people, extra


def import_roster(records: Records, content: Content, data: bytes) -> ImportResult:
    """Validate, then add or update everyone in one transaction. Nobody is ever deleted."""
    people, extra = parse_roster(data, content, records.settings.get("district"))
    before = {p.employee_id: p for p in records.people.all()}
    unchanged = sum(1 for p in people if before.get(p.employee_id) == p)
    changed = [p for p in people if before.get(p.employee_id) != p]
    added, updated = records.people.upsert_many(changed)
    return ImportResult(added=added, updated=updated, unchanged=unchanged, extra_columns=extra)


@dataclass(frozen=True)
class IssuedCode:
    person: Person
    code: str


@dataclass(frozen=True)
class CodePlan:
    """Codes about to be issued, and who was left out and why. Nothing is written until `commit_codes`."""

    issued: list[IssuedCode]
    holding: list[Person]  # already hold an unused code, kept valid (pass reissue to replace it)
    not_pending: list[str]  # ids asked for who are enrolled, have left, or are not on the roster
    reissue: bool


def plan_codes(records: Records, employee_ids: list[str] | None = None, reissue: bool = False) -> CodePlan:
    """New one-time codes for roster staff without a PIN (or only those named), not yet saved.

    Someone who already holds an unused code keeps it, since it may be in their mailbox, unless
    `reissue` is set, in which case the new code replaces it.
    """
    pending = records.people.unenrolled()
    not_pending: list[str] = []
    if employee_ids:
        wanted = list(dict.fromkeys(e.strip() for e in employee_ids))
        found = {p.employee_id for p in pending}
        not_pending = [e for e in wanted if e not in found]
        pending = [p for p in pending if p.employee_id in set(wanted)]
    holding: list[Person] = []
    if not reissue:
        with_code = records.people.with_unused_code()
        holding = [p for p in pending if p.employee_id in with_code]
        pending = [p for p in pending if p.employee_id not in with_code]
    issued = [IssuedCode(person, new_enrollment_code()) for person in pending]
    return CodePlan(issued, holding, not_pending, reissue)


def commit_codes(records: Records, plan: CodePlan) -> None:
    """Save the planned codes in one transaction (on a reissue, withdrawing the replaced ones with them)."""
    records.people.issue_codes(
        [(item.person.employee_id, hash_code(item.code)) for item in plan.issued], withdraw_unused=plan.reissue,
    )


def issue_codes(records: Records, employee_ids: list[str] | None = None, reissue: bool = False) -> list[IssuedCode]:
    """Plan and save codes at once (see `plan_codes`), for callers that hand them out straight away."""
    plan = plan_codes(records, employee_ids, reissue)
    commit_codes(records, plan)
    return plan.issued
