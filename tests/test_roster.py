"""Roster import: all rows checked first, bad rows named, nothing half-imported, nobody deleted."""

from __future__ import annotations

import pytest

from tutor.service.roster import RosterInvalid, import_roster, issue_codes, parse_roster
from tutor.service.sign_in import SignIn

HEADER = "employee_id,name,email,school,role,hire_date,district,end_date,badge_colour\n"
GOOD = (
    HEADER
    + "1001,Jordan Smith,jsmith@example.org,Lincoln Elementary,teacher,2026-08-20,tst,,blue\n"
    + '1002,"Zoë O\'Brien-Nguyễn",zoe@example.org,Lincoln Elementary,paraprofessional,2026-08-21,tst,,\n'
    + "1003,=HYPERLINK(\"http://evil\"),x@example.org,Central Office,clerk,2025-01-05,tst,,\n"
)


def test_a_good_roster_imports_everyone_exactly(records, content):
    result = import_roster(records, content, GOOD.encode())
    assert (result.added, result.updated, result.unchanged) == (3, 0, 0)
    assert result.extra_columns == ("badge_colour",)
    zoe = records.people.get("1002")
    assert zoe.name == "Zoë O'Brien-Nguyễn" and zoe.district == "tst" and zoe.on_roster
    assert records.people.get("1003").name == '=HYPERLINK("http://evil")'
    assert records.people.get("1001").extra == {"badge_colour": "blue"}


def test_bad_rows_are_each_named_and_nothing_is_imported(records, content):
    bad = (
        HEADER
        + "1001,Jordan Smith,jsmith@example.org,Lincoln,teacher,2026-08-20,tst,,\n"
        + ",No Id,a@example.org,Lincoln,teacher,2026-08-20,tst,,\n"
        + "1003,Bad Date,b@example.org,Lincoln,teacher,08/20/2026,tst,,\n"
        + "1004,Wrong District,c@example.org,Lincoln,teacher,2026-08-20,hartford,,\n"
        + "1001,Duplicate,d@example.org,Lincoln,teacher,2026-08-20,tst,,\n"
        + "1006,Bad Mail,not-an-email,Lincoln,teacher,2026-08-20,tst,,\n"
        + "1007,\"Ctrl\x07Char\",e@example.org,Lincoln,teacher,2026-08-20,tst,,\n"
    )
    with pytest.raises(RosterInvalid) as caught:
        import_roster(records, content, bad.encode())
    messages = [str(e) for e in caught.value.errors]
    assert messages[0] == "row 3: employee_id is empty"
    assert messages[1].startswith("row 4: hire_date '08/20/2026' is not a date like 2026-08-25")
    assert messages[2].startswith("row 5: district 'hartford' is not one of")
    assert messages[3] == "row 6: employee_id '1001' is also on row 2"
    assert messages[4] == "row 7: email 'not-an-email' is not an e-mail address"
    assert messages[5] == "row 8: name contains an invisible or control character (U+0007 control character)"
    assert records.people.all() == []


def test_missing_columns_are_reported_on_the_header_row(records, content):
    with pytest.raises(RosterInvalid, match="row 1: missing column\\(s\\): hire_date"):
        parse_roster(b"employee_id,name,email,school,role\n1,A,,,\n", content, None)


def test_a_re_import_updates_a_school_and_deletes_nobody(records, content):
    import_roster(records, content, GOOD.encode())
    moved = HEADER + "1001,Jordan Smith,jsmith@example.org,Central Office,teacher,2026-08-20,tst,,blue\n"
    result = import_roster(records, content, moved.encode())
    assert (result.added, result.updated, result.unchanged) == (0, 1, 0)
    assert records.people.get("1001").school == "Central Office"
    assert len(records.people.all()) == 3  # people not in the new file are kept


def test_without_a_district_column_the_deployment_district_applies(records, content):
    data = b"employee_id,name,email,school,role,hire_date\n9,Kim Ray,,Lincoln,teacher,2026-08-01\n"
    with pytest.raises(RosterInvalid, match="no district"):
        import_roster(records, content, data)
    records.settings.set("district", "tst")
    import_roster(records, content, data)
    assert records.people.get("9").district == "tst"


def test_non_utf8_files_get_a_clear_message(records, content):
    with pytest.raises(RosterInvalid, match="not UTF-8"):
        import_roster(records, content, "employee_id,name\n1,Jos\xe9\n".encode("latin-1"))


def test_codes_go_to_people_without_a_pin_and_keep_codes_already_sent(records, content):
    import_roster(records, content, GOOD.encode())
    first = {c.person.employee_id: c.code for c in issue_codes(records)}
    assert set(first) == {"1001", "1002", "1003"}
    assert issue_codes(records) == []  # running it again cancels nothing and issues nothing
    again = {c.person.employee_id: c.code for c in issue_codes(records, ["1001"], reissue=True)}
    sign_in = SignIn(records, content)
    from tutor.service.sign_in import SignInRefused

    with pytest.raises(SignInRefused):
        sign_in.enroll("1001", first["1001"], "583920", "583920")  # replaced by the reissue
    sign_in.enroll("1001", again["1001"], "583920", "583920")
    sign_in.enroll("1002", first["1002"], "583920", "583920")  # the first code still works
    assert issue_codes(records, reissue=True)[0].person.employee_id == "1003"


def test_the_cli_names_bad_rows_and_imports_nothing(tmp_path):
    from click.testing import CliRunner

    from tutor.cli.main import cli
    from tutor.store.records import Records

    db = tmp_path / "r.db"
    staff = tmp_path / "staff.csv"
    staff.write_text(
        "employee_id,name,email,school,role,hire_date,district\n"
        "1001,Jordan Smith,js@example.org,Lincoln,teacher,2026-08-20,crec\n"
        "1002,Riley Jones,rj@example.org,Lincoln,teacher,20/08/2026,crec\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["roster", "import", str(staff), "--db", str(db)])
    assert result.exit_code == 1
    assert "row 3: hire_date '20/08/2026' is not a date like 2026-08-25" in result.output
    assert "Nothing was imported: 1 row(s) need fixing." in result.output
    assert Records(db).people.all() == []
    staff.write_text(staff.read_text().replace("20/08/2026", "2026-08-20"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["roster", "import", str(staff), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2 added, 0 updated, 0 unchanged" in result.output
    codes = tmp_path / "codes.csv"
    result = CliRunner().invoke(cli, ["roster", "codes", "--db", str(db), "--out", str(codes)])
    assert result.exit_code == 0
    lines = codes.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "employee_id,name,email,school,enrollment_code"
    assert len(lines) == 3 and lines[1].startswith("1001,Jordan Smith,")


# Invisible characters -----------------------------------------------------------------------------

@pytest.mark.parametrize("name, shown", [
    ("Jordan \u202eSmith", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("Jor\u200bdan Smith", "U+200B ZERO WIDTH SPACE"),
    ("Jordan\u2066 Smith\u2069", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("Jordan\ufeffSmith", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ("Jordan\u00adSmith", "U+00AD SOFT HYPHEN"),
    ("Jordan\u2028Smith", "U+2028 LINE SEPARATOR"),
    ("Jordan\x85Smith", "U+0085 control character"),
    ("Jordan\nSmith", "U+000A control character"),
    ("Jordan\tSmith", "U+0009 control character"),
    ("\u3164", "U+3164 HANGUL FILLER"),
    ("Jo\u200ddan", "U+200D ZERO WIDTH JOINER"),
])
def test_names_with_invisible_or_reordering_characters_are_refused_with_the_row(records, content, name, shown):
    """A right-to-left override or a zero-width space makes one name look like another, or reorders a report."""
    data = HEADER + "1001,Jordan Smith,js@example.org,Lincoln,teacher,2026-08-20,tst,,\n"
    data += f'1002,"{name}",x@example.org,Lincoln,teacher,2026-08-20,tst,,\n'
    with pytest.raises(RosterInvalid) as caught:
        import_roster(records, content, data.encode())
    assert [str(e) for e in caught.value.errors] == [f"row 3: name contains an invisible or control character ({shown})"]
    assert records.people.all() == []


def test_invisible_characters_are_refused_in_every_column(records, content):
    data = HEADER + "1001,Jordan Smith,js@example.org,Lin\u200bcoln,teacher,2026-08-20,tst,,\u202eeulb\n"
    with pytest.raises(RosterInvalid) as caught:
        import_roster(records, content, data.encode())
    message = str(caught.value.errors[0])
    assert message.startswith("row 2: ") and "school contains" in message and "badge_colour contains" in message


def test_emoji_joined_into_one_picture_and_accented_names_are_kept(records, content):
    data = HEADER + '1001,"Zoë O\'Brien-Nguyễn",z@example.org,Lincoln,teacher,2026-08-20,tst,,\U0001f469\U0001f3fd\u200d\U0001f3eb\n'
    import_roster(records, content, data.encode())
    assert records.people.get("1001").extra == {"badge_colour": "\U0001f469\U0001f3fd\u200d\U0001f3eb"}


# Enrollment codes from the command line -----------------------------------------------------------

STAFF = (
    "employee_id,name,email,school,role,hire_date,district\n"
    "1001,Jordan Smith,js@example.org,Lincoln,teacher,2026-08-20,crec\n"
    "1002,Riley Jones,rj@example.org,Lincoln,teacher,2026-08-20,crec\n"
)


@pytest.fixture
def roster_db(tmp_path):
    from click.testing import CliRunner

    from tutor.cli.main import cli

    staff = tmp_path / "staff.csv"
    staff.write_text(STAFF, encoding="utf-8")
    db = tmp_path / "r.db"
    result = CliRunner().invoke(cli, ["roster", "import", str(staff), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def run_cli(*args):
    from click.testing import CliRunner

    from tutor.cli.main import cli

    return CliRunner().invoke(cli, [str(a) for a in args])


def codes_in(text: str) -> dict[str, str]:
    import csv
    import io

    return {row["employee_id"]: row["enrollment_code"] for row in csv.DictReader(io.StringIO(text))}


def can_enroll(db, employee_id: str, code: str) -> bool:
    from tutor.content.loader import load_valid_content
    from tutor.service.sign_in import SignInRefused
    from tutor.store.records import Records

    records = Records(db)
    try:
        SignIn(records, load_valid_content()).enroll(employee_id, code, "583920", "583920")
        return True
    except SignInRefused:
        return False
    finally:
        records.close()


def test_running_codes_again_does_not_cancel_codes_already_sent(roster_db, tmp_path):
    first = run_cli("roster", "codes", "--db", roster_db)
    assert first.exit_code == 0 and "Issued 2 enrollment code(s)." in first.stderr
    sent = codes_in(first.stdout)
    second = run_cli("roster", "codes", "--db", roster_db)
    assert second.exit_code == 0 and codes_in(second.stdout) == {}
    assert "2 person(s) already hold an unused code" in second.stderr and "--reissue" in second.stderr
    assert can_enroll(roster_db, "1001", sent["1001"])
    reissued = run_cli("roster", "codes", "--db", roster_db, "--reissue")
    fresh = codes_in(reissued.stdout)
    assert set(fresh) == {"1002"}  # 1001 has enrolled
    assert not can_enroll(roster_db, "1002", sent["1002"]) and can_enroll(roster_db, "1002", fresh["1002"])


def test_codes_to_a_folder_that_does_not_exist_keep_the_old_codes_working(roster_db, tmp_path):
    """Issue 16: an unwritable --out invalidated every code already handed out, then printed a traceback."""
    sent = codes_in(run_cli("roster", "codes", "--db", roster_db).stdout)
    result = run_cli("roster", "codes", "--db", roster_db, "--reissue", "--out", tmp_path / "no" / "such" / "codes.csv")
    assert result.exit_code == 1 and "does not exist" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert can_enroll(roster_db, "1001", sent["1001"])


def test_a_write_that_fails_midway_saves_no_code_and_leaves_no_file(roster_db, tmp_path, monkeypatch):
    from tutor.service import private_files

    sent = codes_in(run_cli("roster", "codes", "--db", roster_db).stdout)

    def disk_full(self, data):
        self.discard()
        raise private_files.OutputRefused(f"cannot write {self.target}: No space left on device. Nothing was written.")

    monkeypatch.setattr(private_files.StagedOutput, "write", disk_full)
    out = tmp_path / "codes.csv"
    result = run_cli("roster", "codes", "--db", roster_db, "--reissue", "--out", out)
    assert result.exit_code == 1 and "No space left" in result.stderr and "earlier codes still work" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists() and list(tmp_path.glob(".codes.csv.*")) == []
    assert can_enroll(roster_db, "1001", sent["1001"]) and can_enroll(roster_db, "1002", sent["1002"])


def test_codes_are_written_privately_and_not_over_an_earlier_file(roster_db, tmp_path):
    import os
    import stat

    out = tmp_path / "codes.csv"
    first = run_cli("roster", "codes", "--db", roster_db, "--out", out)
    assert first.exit_code == 0, first.output
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    mailed = out.read_text(encoding="utf-8")
    again = run_cli("roster", "codes", "--db", roster_db, "--reissue", "--out", out)
    assert again.exit_code == 1 and "already exists" in again.stderr and "--force" in again.stderr
    assert out.read_text(encoding="utf-8") == mailed  # the file, and the codes in it, are untouched
    assert can_enroll(roster_db, "1001", codes_in(mailed)["1001"])
    forced = run_cli("roster", "codes", "--db", roster_db, "--reissue", "--force", "--out", out)
    assert forced.exit_code == 0 and codes_in(out.read_text(encoding="utf-8")).keys() == {"1002"}


# Resetting a forgotten PIN ------------------------------------------------------------------------

def test_reset_gives_a_locked_out_learner_a_way_back_and_is_recorded(records, content):
    from tutor.domain import events as ev
    from tutor.service.sign_in import MAX_FAILURES, SignInRefused, reset_sign_in

    import_roster(records, content, GOOD.encode())
    code = issue_codes(records, ["1001"])[0].code
    sign_in = SignIn(records, content)
    sign_in.enroll("1001", code, "583920", "583920")
    for _ in range(MAX_FAILURES):
        with pytest.raises(SignInRefused):
            sign_in.with_pin("1001", "111222")
    with pytest.raises(SignInRefused, match="Too many wrong tries"):
        sign_in.with_pin("1001", "583920")
    done = reset_sign_in(records, "1001", via="command line")
    assert done.had_pin
    with pytest.raises(SignInRefused):
        sign_in.with_pin("1001", "583920")  # the old PIN no longer works
    sign_in.enroll("1001", done.code, "749201", "749201")
    assert sign_in.with_pin("1001", "749201").person.employee_id == "1001"
    resets = [e for e in records.events.for_learner("1001") if e.type == ev.SIGN_IN_RESET]
    assert len(resets) == 1 and resets[0].identity == ev.IDENTITY_OPERATOR
    assert resets[0].payload == {"via": "command line", "had_pin": True}
    assert done.code not in str(resets[0].payload)


def test_reset_refuses_people_who_are_not_on_the_roster(records, content):
    from tutor.service.sign_in import ResetRefused, reset_sign_in

    with pytest.raises(ResetRefused, match="no one with employee id"):
        reset_sign_in(records, "nobody", via="command line")
    assert records.events.count() == 0


def test_the_reset_command_prints_a_working_code(roster_db):
    sent = codes_in(run_cli("roster", "codes", "--db", roster_db).stdout)
    assert can_enroll(roster_db, "1001", sent["1001"])
    result = run_cli("roster", "reset", "1001", "--db", roster_db)
    assert result.exit_code == 0, result.output
    assert "Their old PIN no longer works" in result.stdout
    code = result.stdout.split("(1001): ")[1].split()[0]
    assert can_enroll(roster_db, "1001", code)
    history = run_cli("report", "person", "1001", "--db", roster_db)
    assert "sign-in reset by a trainer (command line): PIN withdrawn" in history.stdout
    verified = run_cli("verify", "--db", roster_db)
    assert verified.exit_code == 0, verified.output  # the reset's event keeps the chain and tables whole
    unknown = run_cli("roster", "reset", "9999", "--db", roster_db)
    assert unknown.exit_code == 1 and "no one with employee id '9999'" in unknown.stderr
