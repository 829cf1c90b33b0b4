"""Egress guard for calls to addresses that someone outside our control chose (the SWV endpoints).

A small check of our own on aiohttp's extension points, no extra library: :class:`GuardedResolver` (an
``aiohttp.abc.AbstractResolver``) drops resolved addresses in refused ranges, and :class:`GuardedConnector`
checks every address again right before the socket is opened, which also covers IP literals (aiohttp does not
ask the resolver for those) and the DNS cache. Because the check sits at connect time on the addresses actually
used, a name that resolves to a public address at registration and to loopback later (DNS rebinding) is refused.

Refused: everything that is not globally routable (loopback, RFC 1918, ULA, link-local with the cloud metadata
addresses 169.254.169.254 and fd00:ec2::254, CGNAT 100.64/10, unspecified, reserved, documentation, benchmarking)
and multicast; IPv4 addresses hidden in IPv6 (mapped, NAT64) are judged as the IPv4 address.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Refusals of the URL itself (as opposed to the address it names).
ONGELDIGE_URL = "ongeldige URL"
GEEN_HTTPS = "geen https"
INLOGGEGEVENS = "inloggegevens in de URL"
URL_REFUSALS = frozenset({ONGELDIGE_URL, GEEN_HTTPS, INLOGGEGEVENS})


class EgressRefused(Exception):
    """The destination is not allowed (address range, scheme); never retried, never sent anywhere."""

    def __init__(self, message: str, *, host: str = "") -> None:
        super().__init__(message)
        self.host = host


def _embedded_ipv4(ip: IPAddress) -> IPAddress:
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip in _NAT64:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip


def address_refusal(address: str | IPAddress, *, allow_loopback: bool = False) -> str | None:
    """Why ``address`` may not be connected to (a short category for logs), or None when it may."""
    try:
        ip = _embedded_ipv4(ipaddress.ip_address(address) if isinstance(address, str) else address)
    except ValueError:
        return "geen IP-adres"
    if ip.is_loopback:
        return None if allow_loopback else "loopback"
    if ip.is_multicast:
        return "multicast"
    if ip.is_unspecified:
        return "ongespecificeerd"
    if ip.is_link_local:
        return "link-local"  # includes the metadata address 169.254.169.254
    if ip in _CGNAT:
        return "cgnat"
    if ip.is_private:
        return "privé"  # RFC 1918, ULA (fd00:ec2::254), and the other special-purpose blocks
    if ip.is_reserved or not ip.is_global:
        return "gereserveerd"
    return None


def endpoint_refusal(url: str, *, https_required: bool, allow_loopback: bool = False) -> str | None:
    """Why an endpoint URL is not acceptable before anything is resolved (scheme, host, IP literal), or None."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return ONGELDIGE_URL
    if parts.scheme not in ("https", "http") or not host:
        return ONGELDIGE_URL
    if https_required and parts.scheme != "https":
        return GEEN_HTTPS
    if parts.username is not None or parts.password is not None:
        return INLOGGEGEVENS
    if host.rstrip(".").lower() in _LOCAL_NAMES:
        return None if allow_loopback else "loopback"
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return None  # a name: judged on its resolved addresses at connect time
    return address_refusal(ip, allow_loopback=allow_loopback)


class GuardedResolver(AbstractResolver):
    """Resolves with ``inner`` and keeps only the addresses we may connect to; refuses when none is left."""

    def __init__(self, inner: AbstractResolver | None = None, *, allow_loopback: bool = False) -> None:
        self.inner = inner or aiohttp.ThreadedResolver()
        self.allow_loopback = allow_loopback

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """The allowed addresses of ``host``; :class:`EgressRefused` when every address is refused."""
        results = await self.inner.resolve(host, port, family)
        allowed = [r for r in results if address_refusal(r["host"], allow_loopback=self.allow_loopback) is None]
        if not allowed:
            raise EgressRefused("bestemming geweigerd: adres niet toegestaan", host=host)
        return allowed

    async def close(self) -> None:
        """Release the inner resolver."""
        await self.inner.close()


class GuardedConnector(aiohttp.TCPConnector):
    """A TCPConnector that checks every address right before connecting (IP literals skip the resolver)."""

    def __init__(
        self, *, allow_loopback: bool = False, resolver: AbstractResolver | None = None, **kwargs: Any
    ) -> None:
        super().__init__(resolver=GuardedResolver(resolver, allow_loopback=allow_loopback), **kwargs)
        self.allow_loopback = allow_loopback

    async def _wrap_create_connection(self, *args: Any, addr_infos: list[Any], **kwargs: Any) -> Any:
        # addr_infos are getaddrinfo tuples (family, type, proto, canonname, sockaddr); sockaddr[0] is the IP.
        for info in addr_infos:
            if address_refusal(str(info[4][0]), allow_loopback=self.allow_loopback) is not None:
                raise EgressRefused("bestemming geweigerd: adres niet toegestaan")
        return await super()._wrap_create_connection(*args, addr_infos=addr_infos, **kwargs)
