"""HTTP hardening for the Flask server under the Dash app, one rule in one place.

Headers on every response (Content-Security-Policy that Dash works under, frame-ancestors,
nosniff, Referrer-Policy), a request body limit with a clear 413, generic error pages, session
cookies that are HttpOnly and SameSite (and Secure when served over https), CSRF tokens on every
form that changes state (Flask-WTF), and the visitor's address from the trusted proxies in front
(REGIOMONITOR_TRUSTED_PROXIES, werkzeug's ProxyFix), which the sign-in limits count by
(dashboard/login_throttle.py).
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

import dash
import flask
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from core.formats import fmt_number
from core.settings import limits, max_request_bytes, trusted_proxies
from core.texts import N_, _
from dashboard import request_language

# What an error page says, by status code (and for a form whose CSRF token failed).
ERRORS = {400: N_("The request is not valid."), 403: N_("You have no access to this page."),
          404: N_("This page does not exist."), 405: N_("This action is not allowed here."),
          413: N_("The file or request is too large: at most {limit} MB."),
          500: N_("Something went wrong on our side. Try again later."),
          "csrf": N_("The form has expired or is not valid. Reload the page and try again.")}

csrf = CSRFProtect()


def content_security_policy(app: dash.Dash) -> str:
    """Scripts only from this origin plus Dash's own inline scripts (by hash); images also from
    data:/blob:, which plotly.js draws its PNG export through (tests/test_export.py); workers
    only from this origin: since the maps are SVG drawn on the server, no trace starts one from
    a blob: URL (MapLibre's did); no framing."""
    scripts = " ".join(app.csp_hashes())
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' {scripts}",
        "style-src 'self' 'unsafe-inline'",   # Plotly and the grid set styles at run time
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "worker-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def secret_key(path: Path) -> bytes:
    """REGIOMONITOR_SECRET_KEY, else a random key kept in `path` (created once, mode 0600), so
    that every gunicorn worker signs sessions with the same key and they survive a restart."""
    env = os.environ.get("REGIOMONITOR_SECRET_KEY")
    if env:
        return env.encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    with os.fdopen(fd, "wb") as out:
        out.write(secrets.token_bytes(32))
    return path.read_bytes()


def secure_cookies() -> bool:
    """Cookies only over https: REGIOMONITOR_SECURE_COOKIES=1 (set it behind a TLS proxy)."""
    return os.environ.get("REGIOMONITOR_SECURE_COOKIES", "0") == "1"


def harden(app: dash.Dash, key_file: Path) -> None:
    """Apply every rule above to the app's Flask server."""
    server = app.server
    server.config.update(
        SECRET_KEY=secret_key(key_file),
        MAX_CONTENT_LENGTH=max_request_bytes(),
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure_cookies(), SESSION_COOKIE_NAME="regiomonitor_session",
        REMEMBER_COOKIE_HTTPONLY=True, REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=secure_cookies(),
        # Checked only on our own forms (dashboard/auth.py, upload.py): Dash's callback
        # requests change nothing and carry no form token.
        WTF_CSRF_CHECK_DEFAULT=False,
        WTF_CSRF_TIME_LIMIT=None,
    )
    csrf.init_app(server)
    proxies = trusted_proxies()
    if proxies:   # the client's address and scheme as the proxies saw them, not theirs
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=proxies, x_proto=proxies)
    policy: list[str] = []   # computed at the first response, once every callback exists

    @server.after_request
    def headers(response: flask.Response) -> flask.Response:
        if not policy:
            policy.append(content_security_policy(app))
        response.headers["Content-Security-Policy"] = policy[0]
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        return response

    for code in (c for c in ERRORS if isinstance(c, int)):
        server.register_error_handler(code, error_page)
    server.register_error_handler(CSRFError, lambda _err: error_page(400, csrf_failed=True))


def file_limit_mb(lang: str) -> str:
    """The partner file limit in whole MB, as the upload page and the 413 page state it."""
    return fmt_number(limits().file_bytes / 1024 ** 2, lang, 0)


def error_page(error: object, csrf_failed: bool = False) -> tuple[str, int]:
    """A short page in the visitor's language: what went wrong, never a traceback."""
    code = error if isinstance(error, int) else getattr(error, "code", 500) or 500
    lang = request_language.current()
    error = ERRORS["csrf" if csrf_failed else code]
    message = _(error, lang, limit=file_limit_mb(lang))
    return flask.render_template("error.html", code=code, message=message), code
