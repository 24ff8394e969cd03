"""Settings of the web application: session lifetimes and sign-in limits."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WebSettings:
    """Tunable limits; the defaults suit a small team on one server."""

    cookie_name: str = "powtrace_session"
    session_idle: int = 60 * 60  # seconds without a request before a session ends
    session_absolute: int = 12 * 60 * 60  # a session ends this long after sign-in regardless
    anonymous_ttl: int = 30 * 60  # the pre-sign-in session that carries the login form's token
    totp_ttl: int = 5 * 60  # time to type the two-factor code after the password
    attempt_window: int = 15 * 60  # sign-in failures are counted over this many seconds
    max_failures_account: int = 5
    max_failures_ip: int = 20
