"""Where the status node may send a webhook: public addresses only, checked when subscribing and again
at every delivery (a name may resolve elsewhere later), and redirects are never followed."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from gerbang.kernel.errors import InvalidInput

# host, port -> the addresses it resolves to now. Tests pass their own: no test resolves a real name.
Resolver = Callable[[str, int], list[str]]

# Ranges that are "global" to Python yet reach nothing a webhook should: shared address space (carrier
# NAT), benchmarking, and the cloud metadata services reached at fixed addresses.
_REFUSED = [
    ipaddress.ip_network(n)
    for n in ("100.64.0.0/10", "198.18.0.0/15", "169.254.0.0/16", "fd00:ec2::/32", "64:ff9b::/96")
]


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses the system's resolver gives for `host` now."""
    try:
        found = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return []
    return sorted({str(info[4][0]) for info in found})


def public_address(text: str) -> bool:
    """Whether `text` is an address on the public Internet (not loopback, private, link-local, ...)."""
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if not address.is_global or address.is_multicast:
        return False
    return not any(address in network for network in _REFUSED)


def check_public_url(url: str, *, resolver: Resolver, allow_private: bool = False) -> None:
    """Refuse a webhook URL whose host is, or resolves to, anything but public addresses."""
    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        raise InvalidInput("webhook.no_host", field="address")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise InvalidInput("webhook.bad_port", field="address") from None
    if allow_private:
        return
    addresses = [host] if _literal(host) else resolver(host, port)
    if not addresses:
        raise InvalidInput("webhook.no_address", field="address", host=host)
    if not all(public_address(a) for a in addresses):
        raise InvalidInput("webhook.public_only", field="address")


def _literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
