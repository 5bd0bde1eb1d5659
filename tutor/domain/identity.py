"""Secrets and names: PIN and passphrase hashing, enrollment codes, signature matching."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata

# scrypt cost: about 50 ms on a laptop core; enough to make guessing a 6-digit PIN offline costly.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I look-alikes
PIN_RE = re.compile(r"^\d{4,12}$")


def hash_secret(secret: str) -> str:
    """scrypt with a random salt, stored as `scrypt$N$r$p$salt$hash`."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_secret(secret: str, stored: str) -> bool:
    """True when `secret` matches the stored hash. A stored value that is not one of ours (other
    scrypt parameters, bad hex) is simply no match: the parameters are never taken from it."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt" or (int(n), int(r), int(p)) != (_SCRYPT_N, _SCRYPT_R, _SCRYPT_P) or len(digest) != 64:
            return False
        candidate = hashlib.scrypt(
            secret.encode("utf-8"), salt=bytes.fromhex(salt), n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate.hex(), digest)


def pin_problem(pin: str) -> str | None:
    """Why a PIN is unacceptable, or None."""
    if not PIN_RE.match(pin):
        return "A PIN is 4 to 12 digits."
    if len(set(pin)) == 1 or pin in "0123456789012" or pin in "9876543210987":
        return "Choose a PIN that is not one repeated digit or a run like 1234."
    return None


def new_enrollment_code() -> str:
    """A one-time code such as `K7QF-3MZP` (40 bits), easy to read aloud or print."""
    chars = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def normalise_code(code: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", code.upper())


def hash_code(code: str) -> str:
    """Enrollment codes are random and single-use, so a plain SHA-256 is enough to keep them unreadable."""
    return hashlib.sha256(normalise_code(code).encode("ascii")).hexdigest()


def normalise_name(name: str) -> str:
    """Case, accents-as-typed and spacing ignored: 'Ana  María' == 'ana maría'."""
    name = unicodedata.normalize("NFC", name)
    return " ".join(name.casefold().split())


def names_match(typed: str, on_record: str) -> bool:
    return bool(typed.strip()) and normalise_name(typed) == normalise_name(on_record)
