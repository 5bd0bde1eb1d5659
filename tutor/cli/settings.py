"""`tutor settings`: deployment settings such as this computer's district."""

from __future__ import annotations

import sys

import click

from tutor.cli.context import TutorContext, pass_tutor
from tutor.cli.options import content_option, db_option

KNOWN = {
    "district": "the district whose staff train on this computer (when the roster has no district column)",
    "acknowledgment.<district>": "replaces that district's acknowledgment text (a new policy version)",
    "trusted_user_header": "for `tutor serve` behind an authenticating proxy: the header naming the employee id",
    "xapi.account_home_page": "xAPI: the address of the system where staff accounts live (e.g. the SSO); "
                              "default: each district's home page. Set it once, before the first push to an LRS",
}


@click.group()
def settings() -> None:
    """Show or change deployment settings."""


@settings.command("show")
@db_option
@pass_tutor
def show(place: TutorContext) -> None:
    """List the settings in force (the trainer passphrase hash is never shown)."""
    records = place.records()
    values = {k: v for k, v in records.settings.all().items() if not k.startswith("trainer.")}
    if not values:
        click.echo("No settings. Known settings:")
        for key, meaning in KNOWN.items():
            click.echo(f"  {key}: {meaning}")
    for key, value in values.items():
        click.echo(f"{key} = {value}")


@settings.command("set")
@click.argument("key")
@click.argument("value")
@db_option
@content_option
@pass_tutor
def set_(place: TutorContext, key: str, value: str) -> None:
    """Set KEY to VALUE."""
    loaded = place.content()
    if key == "district" and value not in loaded.districts:
        click.echo(f"tutor: unknown district '{value}'; use one of {', '.join(sorted(loaded.districts))}", err=True)
        sys.exit(2)
    if key.startswith("acknowledgment."):
        district = key.split(".", 1)[1]
        if district not in loaded.districts:
            click.echo(f"tutor: unknown district '{district}' in {key}", err=True)
            sys.exit(2)
    elif key == "trusted_user_header":
        from tutor.serve.trusted import valid_header_name

        if not valid_header_name(value):
            click.echo(f"tutor: '{value}' is not a header name (letters, digits, '-' and '_' only)", err=True)
            sys.exit(2)
    elif key == "xapi.account_home_page" and not value.startswith(("http://", "https://")):
        click.echo(f"tutor: {key} must be an http(s) address, such as https://sso.district.example/", err=True)
        sys.exit(2)
    elif key not in KNOWN:
        click.echo(f"tutor: unknown setting '{key}'; known: {', '.join(KNOWN)}", err=True)
        sys.exit(2)
    place.records(create=True).settings.set(key, value)
    click.echo(f"{key} = {value}")


@settings.command("unset")
@click.argument("key")
@db_option
@pass_tutor
def unset(place: TutorContext, key: str) -> None:
    """Remove KEY."""
    if key.startswith("trainer."):
        click.echo("tutor: use `tutor trainer set-passphrase` for the trainer passphrase", err=True)
        sys.exit(2)
    place.records().settings.delete(key)
    click.echo(f"{key} removed")
