"""Sealing: signatures by a key kept outside the database, so the database alone cannot forge them.

The hash chain shows that events were not changed after they were written, but whoever holds the
database file can rebuild the whole chain, or cut its latest events, and the chain still checks.
Sealing gives the chain an anchor that a database writer does not hold (as journald's
forward-secure sealing and Certificate Transparency's signed tree heads do):

- `tutor seal init` makes an Ed25519 key pair. The private sealing key stays in a folder outside
  the database, readable by the account that runs the tutor; the public verification key is
  written to a file the trainer keeps elsewhere.
- Every event written afterwards is signed (its sequence number and chain hash; the hash covers
  everything before it) and the signature stored beside it; the newest signed head is also kept
  in a file next to the sealing key.
- `tutor verify --key FILE` checks each signature with the verification key and compares the
  database's head with the signed head file.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tutor.domain.events import Event
from tutor.store.database import StoreError

KEY_FILE_SETTING = "seal.key_file"
KEY_FILE_NAME = "sealing.key"
HEAD_FILE_NAME = "sealed-head.json"
FORMAT = "tutor-seal-1"


class SealError(StoreError):
    """Sealing cannot be set up or used; the message says why and what to do."""


def seal_message(seq: int, event_hash: str) -> bytes:
    return f"{FORMAT}:{seq}:{event_hash}".encode("ascii")


@dataclass(frozen=True)
class VerificationKey:
    """What the trainer keeps elsewhere: the public key, where sealing began, and where the signed head lives."""

    public_key: str  # hex
    sealed_from: int
    head_file: str

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, "public_key": self.public_key, "sealed_from": self.sealed_from,
                           "head_file": self.head_file}, indent=2) + "\n"

    @classmethod
    def read(cls, path: str | Path) -> "VerificationKey":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError("not a tutor verification key")
            return cls(str(data["public_key"]), int(data["sealed_from"]), str(data["head_file"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise SealError(f"cannot read the verification key {path}: {exc}") from None

    def verifies(self, seq: int, event_hash: str, signature: str) -> bool:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        try:
            key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(self.public_key))
            key.verify(bytes.fromhex(signature), seal_message(seq, event_hash))
            return True
        except (InvalidSignature, ValueError):
            return False


class Sealer:
    """Signs events with the private sealing key, and keeps the signed head file up to date."""

    def __init__(self, key_file: str | Path):
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        self.key_file = Path(key_file)
        try:
            raw = bytes.fromhex(self.key_file.read_text(encoding="ascii").strip())
            self._key = Ed25519PrivateKey.from_private_bytes(raw)
        except (OSError, ValueError) as exc:
            raise SealError(
                f"these records are sealed, but the sealing key {self.key_file} cannot be read ({exc}); "
                "nothing was saved. Ask the trainer to restore the sealing key."
            ) from None
        self.head_file = self.key_file.parent / HEAD_FILE_NAME

    def sign(self, seq: int, event_hash: str) -> str:
        return self._key.sign(seal_message(seq, event_hash)).hex()

    def write_head(self, seq: int, event_hash: str, signature: str) -> None:
        """Replace the signed head file if this head is newer (several processes write in turn)."""
        import fcntl

        lock_path = self.head_file.with_suffix(".lock")
        with open(lock_path, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                current = json.loads(self.head_file.read_text(encoding="utf-8"))
                if int(current.get("seq", 0)) >= seq and seq > 0:
                    return
            except (OSError, ValueError):
                pass
            _write_private(self.head_file, json.dumps({"seq": seq, "hash": event_hash, "signature": signature}) + "\n")


def read_head(path: str | Path) -> tuple[int, str, str]:
    """(seq, hash, signature) from a signed head file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return int(data["seq"]), str(data["hash"]), str(data["signature"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SealError(f"cannot read the signed head {path}: {exc}") from None


def _write_private(path: Path, text: str) -> None:
    """Write a file readable by its owner only, atomically (temporary file, then rename)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def create_key(folder: str | Path) -> tuple[Path, str]:
    """Make a new sealing key in `folder` (refusing to replace one); (key file, public key hex)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    key_file = folder / KEY_FILE_NAME
    if key_file.exists():
        raise SealError(f"{key_file} already exists: a sealing key is never replaced silently")
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    _write_private(key_file, raw.hex() + "\n")
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return key_file, public.hex()


def seal_problems(conn: sqlite3.Connection, events: list[Event], key: VerificationKey) -> list[str]:
    """Every event from where sealing began must carry a valid seal, and the signed head must be here."""
    seals = dict(conn.execute("SELECT seq, signature FROM seals").fetchall())
    problems: list[str] = []
    by_seq = {e.seq: e for e in events}
    for event in events:
        if event.seq < key.sealed_from:
            continue
        signature = seals.get(event.seq)
        if signature is None:
            problems.append(
                f"event {event.seq} ({event.type}) carries no seal: it was written without the sealing key"
            )
        elif not key.verifies(event.seq, event.hash, signature):
            problems.append(
                f"event {event.seq} ({event.type}) has a seal the verification key rejects: "
                "the event was changed, or forged by someone without the sealing key"
            )
    if key.sealed_from not in by_seq and (events or key.sealed_from > 1):
        problems.append(f"event {key.sealed_from}, where sealing began, is not in the records")
    try:
        head_seq, head_hash, signature = read_head(key.head_file)
    except SealError as exc:
        problems.append(f"{exc}: the removal of the latest events cannot be checked")
        return problems
    if not key.verifies(head_seq, head_hash, signature):
        problems.append(f"the signed head {key.head_file} is not signed by the sealing key")
    elif head_seq == 0:
        pass  # sealed while empty, and nothing written since
    elif head_seq not in by_seq:
        last = max(by_seq) if by_seq else 0
        problems.append(
            f"events {last + 1}-{head_seq} were removed: the signed head is event {head_seq}, the records end at {last}"
        )
    elif by_seq[head_seq].hash != head_hash:
        problems.append(f"event {head_seq} is not the event the signed head names: the chain was rebuilt")
    return problems


def start_sealing(conn: sqlite3.Connection, key_file: Path, sealer: Sealer) -> tuple[tuple[int, str] | None, str]:
    """In one durable transaction: name the sealing key in the settings and seal the current head.

    Returns the head sealed ((seq, hash), or None for an empty log) and its signature.
    """
    from tutor.store.database import transaction

    signature = ""
    with transaction(conn, durable=True):
        head = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (KEY_FILE_SETTING, str(key_file)),
        )
        if head is not None:
            signature = sealer.sign(head[0], head[1])
            conn.execute("INSERT INTO seals (seq, signature) VALUES (?, ?)", (head[0], signature))
    return ((int(head[0]), str(head[1])) if head is not None else None), signature
