"""Parse `districts/<district>.yaml` into a District profile."""

from __future__ import annotations

from tutor.content.fields import Fields
from tutor.content.model import Acknowledgment, Contacts, ContentError, District

DISTRICT_FIELDS = {
    "id", "name", "short_name", "home_page", "policy_numbers", "sources", "acknowledgment",
    "contacts", "pass_mark", "renewal_days", "new_hire_due_days", "notes",
}


def parse_district(data: object, path: str, errors: list[ContentError]) -> District | None:
    """Build a District from parsed YAML, recording every problem in `errors`."""
    f = Fields(data, path, errors, "district")
    if not f.ok:
        return None
    f.unknown_keys(DISTRICT_FIELDS)
    home_page = f.text("home_page")
    if home_page and not home_page.startswith(("http://", "https://")):
        f.error(f.line_of("home_page"), f"district: home_page must be an http(s) address, not {home_page!r}")
    ack = f.mapping("acknowledgment")
    ack.unknown_keys({"text", "drafted", "basis"})
    contacts = f.mapping("contacts")
    contacts.unknown_keys({"ask", "ask_source", "report_to", "report_source", "hr"})
    ask_source = contacts.citations("ask_source", required=False)
    report_source = contacts.citations("report_source", required=False)
    return District(
        id=f.ident("id"),
        name=f.text("name"),
        short_name=f.text("short_name"),
        home_page=home_page,
        policy_numbers=tuple(f.text_list("policy_numbers", required=False)),
        sources=tuple(f.text_list("sources")),
        acknowledgment=Acknowledgment(
            text=ack.text("text"),
            drafted=ack.boolean("drafted", False),
            basis=ack.citations("basis"),
        ),
        contacts=Contacts(
            ask=contacts.text("ask"),
            report_to=contacts.text("report_to"),
            hr=contacts.text("hr"),
            ask_source=ask_source[0] if ask_source else None,
            report_source=report_source[0] if report_source else None,
        ),
        pass_mark=f.number("pass_mark", 0.8, 0.01, 1.0),
        renewal_days=f.integer("renewal_days", 365, minimum=1),
        new_hire_due_days=f.integer("new_hire_due_days", 30, minimum=0),
        path=path,
    )
