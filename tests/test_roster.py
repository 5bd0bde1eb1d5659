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
    assert messages[5] == "row 8: name contains control characters"
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


def test_codes_go_to_people_without_a_pin_and_replace_older_codes(records, content):
    import_roster(records, content, GOOD.encode())
    first = {c.person.employee_id: c.code for c in issue_codes(records)}
    assert set(first) == {"1001", "1002", "1003"}
    second = {c.person.employee_id: c.code for c in issue_codes(records, ["1001"])}
    sign_in = SignIn(records, content)
    from tutor.service.sign_in import SignInRefused

    with pytest.raises(SignInRefused):
        sign_in.enroll("1001", first["1001"], "583920", "583920")  # replaced
    sign_in.enroll("1001", second["1001"], "583920", "583920")
    assert {c.person.employee_id for c in issue_codes(records)} == {"1002", "1003"}


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
