"""`tutor certificate`: a printable record of one person's signed acknowledgment."""

from __future__ import annotations


import click

from tutor.cli.context import TutorContext, pass_tutor
from tutor.cli.options import content_option, db_option
from tutor.cli.output import check_out, force_option, write_out
from tutor.errors import TutorError


@click.command()
@click.argument("employee_id")
@click.option("--out", required=True, type=click.Path(dir_okay=False), metavar="FILE.html",
              help="The HTML file to write (self-contained, readable by you only; print it or save it as PDF "
                   "from a browser).")
@force_option
@db_option
@content_option
@pass_tutor
def certificate(place: TutorContext, employee_id: str, out: str, force: bool) -> None:
    """Write the acknowledgment record of EMPLOYEE_ID for the personnel file.

    Shows the latest acknowledgment (text signed, date, scores, valid-until date, record
    hash and the event-log head) and lists any earlier ones.
    """
    from tutor.domain.clock import SystemClock
    from tutor.service.certificate import CertificateUnavailable, certificate_data, render_html

    check_out(place, out, force)
    records = place.records()
    try:
        data = certificate_data(records, place.content(), employee_id.strip(), SystemClock())
    except CertificateUnavailable as exc:
        raise TutorError(f"{exc} Nothing was written.") from None
    finally:
        records.close()
    write_out(place, render_html(data), out, force)
    earlier = f", with {len(data.earlier)} earlier one(s) listed" if data.earlier else ""
    click.echo(
        f"Wrote the acknowledgment record of {data.name} ({data.employee_id}), signed "
        f"{data.latest.signed_at[:10]}{earlier}, to {out}. Open it in a browser to print it."
    )
