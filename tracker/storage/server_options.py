"""How tracker connects to a PostgreSQL server, without SQLAlchemy: read by the engine
(tracker.storage.postgres) and by the first look at a server diary (tracker.storage.glance),
which must not wait for the database stack's imports."""

from __future__ import annotations

CONNECT_TIMEOUT_S = 5
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def is_socket(host: str) -> bool:
    """Whether `host` (a URL's host, or its `host` parameter) is a Unix socket: no host, or a folder."""
    return not host or host.startswith("/")


def connect_defaults(host: str) -> dict[str, str]:
    """The libpq options a connection to `host` takes unless its URL sets them itself: a connect
    timeout; TLS required for a host that is not this machine; over TCP, a server that vanishes
    mid-command noticed within seconds (unanswered data, idle probes), not after the system's
    TCP timeouts (minutes to hours)."""
    options = {"connect_timeout": str(CONNECT_TIMEOUT_S)}
    if not (is_socket(host) or host in LOCAL_HOSTS):
        options["sslmode"] = "require"
    if not is_socket(host):
        options |= {
            "tcp_user_timeout": str(CONNECT_TIMEOUT_S * 1000),
            "keepalives_idle": str(CONNECT_TIMEOUT_S),
            "keepalives_interval": "1",
            "keepalives_count": str(CONNECT_TIMEOUT_S),
        }
    return options
