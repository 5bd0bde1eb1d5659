"""The trainer's pages, behind the trainer passphrase: the status table (filters as a form) and exports as
downloads. The unlock lasts half an hour in this browser's session and ends with "Lock"."""

from __future__ import annotations

import csv
import io
import json
import time

from aiohttp import web

from tutor.service.reports import CSV_COLUMNS, REPORT_STATUSES, filter_rows, status_report
from tutor.service.trainer_auth import TrainerAuthError, check_passphrase, has_passphrase
from tutor.web.app import FORM, FRONT, current_session, ensure_session, render, replace_session
from tutor.web.sessions import TRAINER_SECONDS

EXPORTS = {
    "status.csv": "Status of the people shown (CSV)",
    "records.csv": "Every attempt and acknowledgment (CSV)",
    "records.json": "Every record with the event log, for tutor verify --export (JSON)",
    "xapi.json": "xAPI 1.0.3 statements (JSON)",
}


def add_routes(app: web.Application) -> None:
    """The trainer's pages, on the application."""
    app.add_routes([
        web.get("/trainer", trainer_page),
        web.post("/trainer", trainer_unlock),
        web.post("/trainer/lock", trainer_lock),
        web.get("/trainer/export/{name}", trainer_export),
    ])


def _filters(request: web.Request) -> dict[str, str]:
    query = request.query
    return {key: (query.get(key) or "").strip()[:100] for key in ("search", "school", "role", "status")}


def _shown(front, filters: dict[str, str]):
    rows = status_report(front.records, front.content, front.clock)
    shown = filter_rows(rows, filters["school"] or None, filters["role"] or None, filters["status"] or None,
                        filters["search"] or None)
    return rows, shown


async def trainer_page(request: web.Request) -> web.Response:
    """`/trainer`: the passphrase form, or (unlocked) the status table with its filters and exports."""
    session = current_session(request)
    front = request.app[FRONT]
    if session is None or not session.trainer:
        ensure_session(request)
        return render(request, "trainer_unlock.html", {
            "page_title": "Trainer sign-in", "has_passphrase": has_passphrase(front.records), "error": "",
        })
    filters = _filters(request)
    rows, shown = _shown(front, filters)
    query = request.query_string
    return render(request, "trainer.html", {
        "page_title": "Staff status \u2013 trainer",
        "filters": filters,
        "schools": sorted({r.school for r in rows if r.school}),
        "roles": sorted({r.role for r in rows if r.role}),
        "statuses": REPORT_STATUSES,
        "rows": shown,
        "total": len(rows),
        "overdue": sum(1 for r in shown if r.status == "overdue"),
        "exports": [(f"/trainer/export/{name}" + (f"?{query}" if name == "status.csv" and query else ""), label)
                    for name, label in EXPORTS.items()],
    })


async def trainer_unlock(request: web.Request) -> web.StreamResponse:
    """Check the trainer passphrase (wrong guesses are counted and slowed by the service)."""
    front = request.app[FRONT]
    session = ensure_session(request)
    try:
        check_passphrase(front.records, request[FORM].get("passphrase") or "")
    except TrainerAuthError as exc:
        return render(request, "trainer_unlock.html", {
            "page_title": "Trainer sign-in", "has_passphrase": has_passphrase(front.records), "error": str(exc),
        }, status=403)
    # A new session id with the unlock (an id seen before it never carries it); a signed-in learner stays so.
    unlocked = replace_session(request)
    unlocked.signed, unlocked.training = session.signed, session.training
    unlocked.trainer_until = time.monotonic() + TRAINER_SECONDS
    raise web.HTTPSeeOther("/trainer")


async def trainer_lock(request: web.Request) -> web.StreamResponse:
    """Lock the trainer pages again in this browser."""
    session = ensure_session(request)
    session.trainer_until = 0.0
    session.note("The trainer pages are locked.")
    raise web.HTTPSeeOther("/")


async def trainer_export(request: web.Request) -> web.StreamResponse:
    """A download, straight to the browser: nothing is written on the server."""
    session = current_session(request)
    if session is None or not session.trainer:
        raise web.HTTPSeeOther("/trainer")
    front = request.app[FRONT]
    name = request.match_info["name"]
    today = front.clock.now().date().isoformat()
    if name == "status.csv":
        _, shown = _shown(front, _filters(request))
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        for row in shown:
            writer.writerow(row.csv_cells())
        body, mime, filename = buffer.getvalue(), "text/csv", f"tutor-status-{today}.csv"
    elif name == "records.csv":
        from tutor.service.exports import csv_export

        body, mime, filename = csv_export(front.records)[0], "text/csv", f"tutor-records-{today}.csv"
    elif name == "records.json":
        from tutor.service.exports import collect, to_json

        body = to_json(collect(front.records, with_events=True))
        mime, filename = "application/json", f"tutor-records-{today}.json"
    elif name == "xapi.json":
        from tutor.service.exports import collect
        from tutor.service.xapi import statements

        built, _warnings = statements(collect(front.records), front.content)
        body = json.dumps(built, indent=2, ensure_ascii=False) + "\n"
        mime, filename = "application/json", f"tutor-xapi-{today}.json"
    else:
        raise web.HTTPNotFound(text="There is no such export.")
    return web.Response(text=body, content_type=mime, charset="utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})
