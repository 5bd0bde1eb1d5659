"""Parse `policies/<district>.yaml` into a Policy with its sections."""

from __future__ import annotations

from tutor.content.fields import Fields
from tutor.content.model import ContentError, Policy, Section
from tutor.content.yaml_lines import LineList

PARTS = {"policy", "regulation", "guidelines", "form", "notice"}
POLICY_FIELDS = {"district", "title", "policy", "source_file", "dates", "sections", "legal_references", "notes", "cross_references"}
SECTION_FIELDS = {"id", "title", "part", "policy", "summary", "equivalent_to", "text"}


def parse_policy(data: object, path: str, errors: list[ContentError]) -> Policy | None:
    """Build a Policy from parsed YAML, recording every problem in `errors`."""
    top = Fields(data, path, errors, "policy")
    if not top.ok:
        return None
    top.unknown_keys(POLICY_FIELDS)
    district = top.ident("district")
    # Some documents carry no number (Stafford's regulation): none is invented for them.
    number = top.text("policy", required=False)
    dates_field = top.mapping("dates", required=False)
    dates = {str(k): str(v) for k, v in dates_field.data.items()}
    raw_sections = top.data.get("sections")
    sections: list[Section] = []
    if not isinstance(raw_sections, list) or not raw_sections:
        top.error(top.line_of("sections"), "policy: 'sections' must be a non-empty list of sections")
        raw_sections = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_sections):
        line = raw_sections.line_of(index) if isinstance(raw_sections, LineList) else top.line
        f = Fields(raw, path, errors, f"section {index + 1}", line)
        if not f.ok:
            continue
        f.unknown_keys(SECTION_FIELDS)
        section_id = f.ident("id")
        if section_id:
            f.what = f"section '{section_id}'"
            if section_id in seen:
                f.error(f.line_of("id"), f"duplicate section id '{section_id}' (first at line {seen[section_id]})")
            seen.setdefault(section_id, f.line_of("id"))
        part = f.text("part")
        if part and part not in PARTS:
            f.error(f.line_of("part"), f"{f.what}: part must be one of {', '.join(sorted(PARTS))}, not {part!r}")
        sections.append(
            Section(
                district=district,
                id=section_id,
                title=f.text("title"),
                part=part,
                policy=f.text("policy", required=False) or number,
                summary=f.text("summary"),
                text=f.text("text"),
                equivalent_to=f.citations("equivalent_to", required=False),
                line=f.line,
            )
        )
    return Policy(
        district=district,
        title=top.text("title"),
        policy=number,
        source_file=top.text("source_file", required=False),
        dates=dates,
        sections=tuple(sections),
        path=path,
    )
