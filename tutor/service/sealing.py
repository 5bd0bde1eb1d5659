"""Setting up sealing for a records database (see tutor.store.seal for what it protects)."""

from __future__ import annotations

from pathlib import Path

from tutor.store.records import Records
from tutor.store.seal import KEY_FILE_SETTING, HEAD_FILE_NAME, SealError, Sealer, VerificationKey, create_key, start_sealing


def sealing_key_file(records: Records) -> str | None:
    return records.settings.get(KEY_FILE_SETTING)


def init_sealing(records: Records, folder: str | Path) -> VerificationKey:
    """Make the sealing key in `folder`, seal the current head, and return the verification key.

    Refused when these records are already sealed: a sealing key is set up once.
    """
    existing = sealing_key_file(records)
    if existing:
        raise SealError(f"these records are already sealed with the key in {existing}")
    folder = Path(folder).resolve()
    database = Path(records.conn.execute("PRAGMA database_list").fetchone()[2] or "").resolve()
    if database.parent == folder:
        raise SealError("keep the sealing key in a folder of its own, not beside the database it seals")
    key_file, public = create_key(folder)
    sealer = Sealer(key_file)
    head, signature = start_sealing(records.conn, key_file, sealer)
    if head is not None:
        sealer.write_head(head[0], head[1], signature)
        sealed_from = head[0]
    else:
        from tutor.domain.events import GENESIS_HASH

        sealer.write_head(0, GENESIS_HASH, sealer.sign(0, GENESIS_HASH))
        sealed_from = 1
    return VerificationKey(public, sealed_from, str(folder / HEAD_FILE_NAME))
