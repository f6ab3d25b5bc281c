"""The language of a request, chosen with flask-babel: `lang` in the address (the switch at the
top right writes it) or in the form a page posts; Dutch otherwise.

The Flask pages' templates get `_` and `ngettext` bound to that language from here; the Dash
pages take the same `lang` from their address and pass it to the texts themselves.
"""
from __future__ import annotations

import flask
import flask_babel
from werkzeug.exceptions import HTTPException

from core import texts


def select() -> str:
    """flask-babel's locale selector: the address's `lang`, else the posted form's."""
    asked = flask.request.args.get("lang")
    if asked is None and flask.request.method == "POST":
        try:
            asked = flask.request.form.get("lang")
        except HTTPException:   # a body over the limit: its 413 page still needs a language
            asked = None
    return texts.language(asked)


def current() -> str:
    """The language of the request being answered."""
    return texts.language(str(flask_babel.get_locale()))


def template_texts() -> dict:
    """What every template says its texts with, in the request's language."""
    lang = current()
    return {"lang": lang,
            # positional-only, as in core.texts: a text's own {n} is passed as n=
            "_": lambda message, /, **values: texts._(message, lang, **values),
            "ngettext": lambda singular, plural, count, /, **values: texts.ngettext(
                singular, plural, count, lang, **values)}


def install(server: flask.Flask) -> None:
    """flask-babel on the server, reading the product's catalogues (core/locale)."""
    flask_babel.Babel(server, locale_selector=select, configure_jinja=False,
                      default_translation_directories=str(texts.LOCALE_DIR),
                      default_domain=texts.DOMAIN, default_locale=texts.DEFAULT_LANGUAGE)
    server.context_processor(template_texts)
