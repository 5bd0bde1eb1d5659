"""`tutor serve`: the tutor in web browsers. Each browser tab runs its own app process; all share one database."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import click

from tutor.cli.context import TutorContext, pass_tutor
from tutor.cli.options import content_option, db_option
from tutor.errors import TutorError
from tutor.web.addresses import is_loopback

GUIDE = "docs/serving.md (\"Behind a reverse proxy with TLS\")"


def app_command(db_path: Path, content_dir: Path) -> str:
    """The command each browser tab's process runs: this Python, this database, this content.

    textual-serve runs it through the shell (`asyncio.create_subprocess_shell`), so it is quoted for the
    platform's shell. Paths are absolute so every session writes the one database wherever it starts.
    """
    argv = [sys.executable, "-m", "tutor", "--db", str(db_path), "--content", str(content_dir)]
    return subprocess.list2cmdline(argv) if os.name == "nt" else shlex.join(argv)


def check_public_url(url: str | None) -> str | None:
    if url is None:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise click.BadParameter("give the address browsers use, such as https://aup.example.org", param_hint="--public-url")
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise click.BadParameter(
            "the tutor must be served at the root of its own address (https://aup.example.org, not .../aup)",
            param_hint="--public-url",
        )
    return f"{parts.scheme}://{parts.netloc}"


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but this computer (127.0.0.1, ::1, localhost) needs --allow-remote.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--allow-remote", is_flag=True,
              help="Really listen on a non-loopback --host (plain HTTP: only for a TLS reverse proxy on another machine).")
@click.option("--public-url", default=None, metavar="URL",
              help="The address browsers use, e.g. https://aup.example.org (default: the address in the browser).")
@click.option("--max-sessions", default=0, show_default=True, type=click.IntRange(0, None),
              help="Refuse new terminal tabs (/terminal) beyond this many at once (0: no limit); the web pages are not "
                   "limited. See docs/serving.md for sizing.")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME[:PORT]",
              help="Another Host name browsers may use (repeatable). Requests for any name not configured "
                   "are refused, which stops DNS rebinding.")
@db_option
@content_option
@pass_tutor
def serve(place: TutorContext, host: str, port: int, allow_remote: bool, public_url: str | None, max_sessions: int,
          allowed_hosts: tuple[str, ...]) -> None:
    """Serve the tutor to web browsers (needs `pip install 'tutor[serve]'`).

    The web version is at / (plain pages that work with screen readers, phones and no JavaScript); the
    terminal version is at /terminal, where each browser tab is its own app process. Both write the one
    records database. Listens on 127.0.0.1 unless told otherwise: to serve a district, put a reverse
    proxy with TLS in front (docs/serving.md).
    """
    if not is_loopback(host) and not allow_remote:
        click.echo(
            f"tutor: refusing to listen on {host}: only this computer can reach the tutor unless you add "
            "--allow-remote. Browsers must reach it through a reverse proxy with TLS, which keeps sign-ins "
            f"and records off the network in plain text; see {GUIDE}.",
            err=True,
        )
        sys.exit(2)
    public_url = check_public_url(public_url)
    try:
        from tutor.serve.server import TutorServer
    except ModuleNotFoundError as exc:
        if exc.name not in ("textual_serve", "aiohttp", "aiohttp_jinja2", "jinja2"):
            raise
        raise TutorError("serving to web browsers needs textual-serve: pip install 'tutor[serve]'") from None

    from tutor.content.loader import default_content_dir
    from tutor.store.database import StoreError, default_db_path
    from tutor.store.records import Records

    db_path = (Path(place.db) if place.db else default_db_path()).expanduser().resolve()
    content_dir = (Path(place.content_dir) if place.content_dir else default_content_dir()).expanduser().resolve()
    place.content_dir = str(content_dir)  # the folder every terminal session is given
    loaded = place.content()  # terminal sessions load it again: check it once, here
    from tutor.service.private_files import create_private_database_file

    try:
        create_private_database_file(db_path)  # readable by the server's account only
        records = Records(db_path)  # create or migrate once, before any browser connects
    except OSError as exc:
        raise TutorError(f"cannot create the records database {db_path}: {exc.strerror}.") from None
    except StoreError as exc:
        raise TutorError(f"{exc}") from None

    server = TutorServer(
        app_command(db_path, content_dir), host=host, port=port, public_url=public_url,
        records=records, db_path=db_path, max_sessions=max_sessions, content=loaded,
        allowed_hosts=allowed_hosts,
    )
    try:
        server.serve()
    except OSError as exc:
        raise TutorError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    finally:
        records.close()
