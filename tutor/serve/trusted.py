"""The trusted user header: an authenticating reverse proxy names the learner, so the sign-in form is skipped.

Honoured only when all three hold:

- the app runs under `tutor serve` (the server sets `TUTOR_SERVED=1` for each browser tab's process),
- the deployment setting `trusted_user_header` names the header (`tutor settings set trusted_user_header
  X-Remote-User`), and
- the browser's websocket request carried exactly one such header with a plausible employee ID, which the
  server passes to that tab's process as `TUTOR_TRUSTED_USER`.

The proxy must set the header itself and strip it from every client request, or anyone could claim to be
anyone. No Textual or textual-serve import here: the app imports this module.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping

SERVED_ENV = "TUTOR_SERVED"
TRUSTED_USER_ENV = "TUTOR_TRUSTED_USER"
SETTING = "trusted_user_header"

_PLAUSIBLE_ID = re.compile(r"[A-Za-z0-9._@+\-]{1,128}")
_HEADER_NAME = re.compile(r"[A-Za-z0-9\-_]{1,100}")


def valid_header_name(name: str) -> bool:
    return bool(_HEADER_NAME.fullmatch(name.strip()))


def employee_id_from_headers(values: Iterable[str]) -> str | None:
    """The employee ID from the configured header's values: exactly one, plausible, else nothing."""
    values = [v.strip() for v in values]
    if len(values) != 1 or not _PLAUSIBLE_ID.fullmatch(values[0]):
        return None
    return values[0]


def trusted_employee_id(records, environ: Mapping[str, str] | None = None) -> str | None:
    """In a served app with the setting configured, the employee ID the proxy vouched for (or None)."""
    environ = os.environ if environ is None else environ
    if environ.get(SERVED_ENV) != "1":
        return None
    if not (records.settings.get(SETTING) or "").strip():
        return None
    return employee_id_from_headers([environ[TRUSTED_USER_ENV]]) if environ.get(TRUSTED_USER_ENV) else None
