"""Which listening addresses only this computer can reach. Standard library only, so the CLI can
check an address before the `serve` extra is imported."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    """Only this computer can reach the address (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False
