"""The acknowledgment text staff sign for a district."""

from __future__ import annotations

from tutor.content.model import District
from tutor.store.records import Records


def acknowledgment_text(records: Records, district: District) -> str:
    """The text staff sign: a deployment's override, else the district profile's."""
    return records.settings.get(f"acknowledgment.{district.id}") or district.acknowledgment.text


# Where the wording signed came from; recorded with each acknowledgment and printed on its record.
WORDING_DISTRICT_FORM = "district-form"  # the district's own acknowledgment form, verbatim
WORDING_DRAFTED = "drafted"  # drafted by this project from the policy's own statements
WORDING_DEPLOYMENT = "deployment-setting"  # set by the deployment (`tutor settings set acknowledgment.ID`)


def wording_source(records: Records, district: District) -> str:
    """Which of the three the text staff sign now is."""
    if records.settings.get(f"acknowledgment.{district.id}"):
        return WORDING_DEPLOYMENT
    return WORDING_DRAFTED if district.acknowledgment.drafted else WORDING_DISTRICT_FORM
