"""/sessies: the account holder's own sessions, and "sign out everywhere" (issue 25).

Every browser signed in with the account is listed (when it signed in, when it was last used,
from which address, which browser), this one marked. A forgotten session on a shared computer,
or one the holder does not recognise, ends with one button: every session of the account,
this one too. Accounts of a single sign-on proxy have no sessions here: the proxy keeps them.
"""
from __future__ import annotations

import flask

from dashboard import auth, request_language
from dashboard.accounts import token_hash

blueprint = flask.Blueprint("account_sessions", __name__)


@blueprint.before_request
def check_csrf() -> None:
    if flask.request.method == "POST":
        auth.csrf.protect()


@blueprint.route("/sessies", methods=["GET"])
@auth.requires()
def sessions() -> str:
    lang = request_language.current()
    user = auth.account()
    return flask.render_template("sessions.html", sessions=auth.store().sessions(user.username),
                                 this_session=token_hash(user.session) if user.session else None,
                                 **auth.page_context(lang))


@blueprint.route("/sessies/overal-uitloggen", methods=["POST"])
@auth.requires()
def sign_out_everywhere() -> flask.Response:
    """End every session of this account, this one too, and go to the sign-in page."""
    lang = request_language.current()
    user = auth.account()
    ended = auth.store().end_sessions(user.username)
    auth.store().audit(user.username, "logout everywhere", n=ended)
    auth.sign_out()
    return flask.redirect(flask.url_for("auth.login", lang=lang if lang != "nl" else None))
