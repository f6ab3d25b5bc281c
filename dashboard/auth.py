"""Who is asking: sign-in with local accounts (Flask-Login), or single sign-on behind a proxy.

Public readers need no account. A partner uploads for its own organisations; a steward sees
every upload, the Data page's steward parts, and starts runs. Local accounts live in
dashboard.accounts; `regiomonitor user add|list|disable|reset` manages them.

A local sign-in opens a session in the accounts store, and the cookie carries its token
(issue 25): signing out, a new password, disabling the account or changing its role ends it, and
a cookie saved before then gets the sign-in page. Attempts wait per account and per address
(dashboard/login_throttle.py), and every refusal is in the audit log.

Single sign-on (off by default): with REGIOMONITOR_SSO=1 the server trusts the user and group
headers an authenticating reverse proxy sets (oauth2-proxy: X-Forwarded-User,
X-Forwarded-Groups). Only turn it on when the proxy is the sole way in (bind the server to
127.0.0.1) and strips those headers from the client's own request; README.md has an example.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from functools import wraps
from urllib.parse import urlparse

import flask
import flask_login

from core.formats import fmt_number, fmt_timestamp
from core.formats import fmt_duration
from dashboard import login_throttle, request_language
from dashboard.accounts import Account, Store
from dashboard.security import csrf

EXTENSION_KEY = "regiomonitor_accounts"
blueprint = flask.Blueprint("auth", __name__)
login_manager = flask_login.LoginManager()
login_manager.login_view = "auth.login"


def init_app(server: flask.Flask) -> None:
    """Sessions bound to the browser that signed in ("strong"); behind an SSO proxy the proxy
    vouches for every request, and a session without a local sign-in must not void it."""
    server.config["SESSION_PROTECTION"] = "basic" if sso_enabled() else "strong"
    login_manager.init_app(server)


def store() -> Store:
    """The accounts store of the app serving this request."""
    return flask.current_app.extensions[EXTENSION_KEY]


def sso_enabled() -> bool:
    return os.environ.get("REGIOMONITOR_SSO", "0") == "1"


def sso_account(headers: dict) -> Account | None:
    """The account a trusted proxy vouches for, from its user and group headers.

    Groups: REGIOMONITOR_SSO_STEWARD_GROUP (default regiomonitor-stewards) makes a steward;
    regiomonitor-partner-<code> makes a partner for organisation <code> (one group per code).
    """
    user = headers.get(os.environ.get("REGIOMONITOR_SSO_USER_HEADER", "X-Forwarded-User"), "").strip()
    if not user:
        return None
    raw = headers.get(os.environ.get("REGIOMONITOR_SSO_GROUPS_HEADER", "X-Forwarded-Groups"), "")
    groups = {g.strip() for g in raw.split(",") if g.strip()}
    if os.environ.get("REGIOMONITOR_SSO_STEWARD_GROUP", "regiomonitor-stewards") in groups:
        return Account(user, "steward")
    prefix = "regiomonitor-partner-"
    orgs = tuple(sorted(g[len(prefix):] for g in groups if g.startswith(prefix)))
    return Account(user, "partner", orgs) if orgs else None


@login_manager.user_loader
def load_user(token: str) -> Account | None:
    """The account of the session whose token the cookie carries, while that session lives."""
    return store().session_account(token)


# A proxy vouches for every request, so there is no sign-in moment to log: a user seen through
# the proxy is logged as a login at most once an hour per worker process.
SSO_AUDIT_EVERY_S = 3600
_sso_seen: dict[str, float] = {}


@login_manager.request_loader
def load_from_proxy(request: flask.Request) -> Account | None:
    if not sso_enabled():
        return None
    account = sso_account(request.headers)
    if account and time.monotonic() - _sso_seen.get(account.username,
                                                    -SSO_AUDIT_EVERY_S) >= SSO_AUDIT_EVERY_S:
        _sso_seen[account.username] = time.monotonic()
        store().audit(account.username, "login sso", role=account.role)
    return account


@login_manager.unauthorized_handler
def unauthorized() -> flask.Response:
    """Anonymous visitors of a protected page go to the sign-in page (403 for non-GET)."""
    if flask.request.method != "GET":
        flask.abort(403)
    lang = request_language.current()
    return flask.redirect(flask.url_for("auth.login", next=flask.request.path, lang=lang))


def account() -> Account | None:
    """The signed-in account, or None for a public reader."""
    user = flask_login.current_user
    return user if user and user.is_authenticated else None


def viewer_key() -> tuple[str, str] | None:
    """Who is looking, for caches of what a page shows: a signed-in account sees its own cached
    views (the Data and region pages show stewards more); public readers share theirs."""
    try:
        user = account()
    except RuntimeError:   # outside a request
        return None
    return (user.username, user.role) if user else None


def is_steward() -> bool:
    """True when a steward is signed in: the Data page shows its steward parts."""
    try:
        user = account()
    except RuntimeError:   # outside a request (a unit test calling a layout)
        return False
    return bool(user and user.is_steward)


def requires(role: str | None = None) -> Callable:
    """A view for signed-in accounts (of `role`, when given); others are refused."""
    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def guarded(*args, **kwargs):
            user = account()
            if user is None:
                return login_manager.unauthorized()
            if role and user.role != role and not user.is_steward:
                flask.abort(403)
            return view(*args, **kwargs)
        return guarded
    return decorate


def page_context(lang: str) -> dict:
    """What every account template needs besides its texts (request_language.template_texts):
    the signed-in account, and moments and numbers in the page's language."""
    return {"account": account(),
            "sso": sso_enabled(), "when": lambda value: fmt_timestamp(value, lang),
            "number": lambda value: fmt_number(value, lang)}


def landing(user: Account) -> str:
    """Where a sign-in without a page to return to leads: a steward's work is on /beheer, a
    partner's on /aanleveren (issue 24)."""
    return "/beheer" if user.is_steward else "/aanleveren"


def safe_next(target: str | None, default: str = "/aanleveren") -> str:
    """Only a path on this site: never an open redirect to another host."""
    if target and target.startswith("/") and not target.startswith("//") and not urlparse(target).netloc:
        return target
    return default


@blueprint.before_request
def check_csrf() -> None:
    if flask.request.method == "POST":
        csrf.protect()


@blueprint.route("/login", methods=["GET", "POST"])
def login() -> tuple[str, int] | flask.Response:
    lang = request_language.current()
    if flask.request.method == "GET":
        return sign_in_page(lang)
    username = flask.request.form.get("username", "")[:200]
    address = flask.request.remote_addr or "-"
    refused = login_throttle.attempt(store(), username, address)
    if refused:
        store().audit(username or "-", "login refused", address=address, wait_s=refused.wait_s,
                      by=f"by_{refused.reason}")
        return sign_in_page(lang, wait=fmt_duration(refused.wait_s, lang), status=429)
    user = store().authenticate(username, flask.request.form.get("password", "")[:1000])
    store().audit(username or "-", "login" if user else "login failed", address=address)
    if not user:
        return sign_in_page(lang, failed=True, status=401)
    login_throttle.succeeded(store(), username)
    flask.session.clear()
    flask_login.login_user(store().open_session(user, address, flask.request.user_agent.string))
    return flask.redirect(safe_next(flask.request.form.get("next"), landing(user))
                          + ("" if lang == "nl" else "?lang=en"))


def sign_in_page(lang: str, failed: bool = False, wait: str | None = None,
                 status: int = 200) -> tuple[str, int]:
    """The sign-in form; after a wrong password it says so, after a refusal how long to wait."""
    return flask.render_template("login.html", failed=failed, wait=wait,
                                 next=flask.request.values.get("next", ""),
                                 **page_context(lang)), status


def sign_out() -> None:
    """End this browser's session here and in the store."""
    user = account()
    if user and user.session:
        store().end_session(user.session)
    flask_login.logout_user()
    flask.session.clear()


@blueprint.route("/logout", methods=["GET"])
def logout_page() -> str | flask.Response:
    """The Dash pages' Uitloggen link: a page whose form signs out (a link never changes
    anything, and a cached Dash page carries no CSRF token: dashboard/navigation.py)."""
    if account() is None:
        return flask.redirect("/")
    return flask.render_template("logout.html", **page_context(request_language.current()))


@blueprint.route("/logout", methods=["POST"])
def logout() -> flask.Response:
    user = account()
    if user:
        store().audit(user.username, "logout")
    sign_out()
    return flask.redirect("/")
