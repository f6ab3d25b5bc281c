"""/meldingen (issue 24): a signed-in account chooses the regions it follows by mail, and a
partner whether it hears the outcome of its own organisations' files (loaded, corrected,
withdrawn, held for review, rejected with the steward's reason). One digest per publication;
the pipelines send it (pipelines/notify.py), this page only records the choice in the
accounts store. The page says when the server has no mail configured, and links the Atom
feeds, which need no account.
"""
from __future__ import annotations

import re

import flask

from core.settings import mail_settings
from dashboard import auth, feeds, request_language, warehouse
from dashboard.accounts import NotifyChoice

blueprint = flask.Blueprint("notifications", __name__)

# An address a mail server can take: something@domain.tld, no spaces, within RFC 5321's 254.
EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]+\.[^@\s.]+")


@blueprint.before_request
def check_csrf() -> None:
    if flask.request.method == "POST":
        auth.csrf.protect()


@blueprint.route("/meldingen", methods=["GET", "POST"])
@auth.requires()
def notifications() -> tuple[str, int]:
    lang = request_language.current()
    user = auth.account()
    regions = warehouse.current().query("regions")
    codes = set(regions["code"])
    if auth.sso_enabled():   # digests go to this server's own accounts (recipients.sql): say so
        return page(lang, NotifyChoice("", lang, False, ()), regions,
                    status=200 if flask.request.method == "GET" else 403)
    if flask.request.method == "GET":
        return page(lang, auth.store().notify_choice(user.username), regions)
    form = flask.request.form
    choice = NotifyChoice(email=form.get("email", "").strip()[:254], lang=lang,
                          own_files=user.role == "partner" and form.get("own_files") == "1",
                          regions=tuple(sorted(set(form.getlist("region")) & codes)))
    followed = choice.regions or choice.own_files
    if (choice.email or followed) and not EMAIL.fullmatch(choice.email):
        return page(lang, choice, regions, invalid=True, status=400)
    auth.store().save_notify_choice(user.username, choice)
    auth.store().audit(user.username, "notifications", regions=len(choice.regions),
                       own_files="yes" if choice.own_files else "no")
    return page(lang, choice, regions, saved=True)


def page(lang: str, choice: NotifyChoice, regions, invalid: bool = False, saved: bool = False,
         status: int = 200) -> tuple[str, int]:
    return flask.render_template(
        "meldingen.html", choice=choice, regions=regions.to_dict("records"), mail=mail_settings() is not None,
        invalid=invalid, saved=saved, feed_url=feeds.feed_url,
        **auth.page_context(lang)), status
