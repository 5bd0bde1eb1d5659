"""The acknowledgment text staff sign for a district."""

from __future__ import annotations

from tutor.content.model import District
from tutor.store.records import Records


def acknowledgment_text(records: Records, district: District) -> str:
    """The text staff sign: a deployment's override, else the district profile's."""
    return records.settings.get(f"acknowledgment.{district.id}") or district.acknowledgment.text
