"""Every user-facing text, through gettext: one catalogue per language, managed with Babel.

The English text is the message id; `locale/<lang>/LC_MESSAGES/messages.po` translates it
(nl, and en for the English wording), compiled to `.mo` by `make` (pybabel compile). Code
says what it shows in a call Babel's extractor finds (`make messages` lists them all):

    _("Target", lang)                              a text in the reader's language
    _("As of {month}", lang, month=...)            with named values, str.format style
    ngettext("{n} figure", "{n} figures", n, lang, n=...)
    pgettext("grid", "of", lang)                   one English word, told apart by its context
    N_("Map")                                      marks a module-level text, translated later
    said("File {name} not found", name=...)        a Text, said later in the reader's language

A message without a translation, or a catalogue that is missing, falls back to the English
id: a text is never a KeyError or a blank (issue 22). Dutch is the default language.
"""
from __future__ import annotations

import functools
import gettext
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
# The Babel locale behind each language: numbers, dates and month names (core/formats.py).
LOCALES = {"nl": "nl_NL", "en": "en_GB"}
LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "messages"

LOG = logging.getLogger("regiomonitor.texts")


def language(value: object) -> str:
    """The language a request, a command line or a stored choice asks for: English when it
    says so, else Dutch."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def command_language() -> str:
    """The language of a command's output and its runs' logs: REGIOMONITOR_LANG, which the
    command line's --lang sets; Dutch by default."""
    return language(os.environ.get("REGIOMONITOR_LANG"))


@functools.cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of `lang`; without one (not yet compiled: run `make`), the
    English ids, with a warning in the log."""
    try:
        return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])
    except OSError:
        LOG.warning("no compiled catalogue for %s in %s: showing the English texts; run `make`",
                    lang, LOCALE_DIR)
        return gettext.NullTranslations()


def _fill(text: str, message: str, values: dict[str, object]) -> str:
    """`text` with its named values; a translation whose placeholders do not fit falls back to
    the message id, which the code wrote with the same values."""
    if not values:
        return text
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        LOG.error("translation of %r does not fit its values %s", message, sorted(values))
        return message.format(**values)


def _(message: str, lang: str, /, **values: object) -> str:
    """`message` in `lang`, with its named values filled in."""
    return _fill(catalogue(language(lang)).gettext(message), message, values)


def ngettext(singular: str, plural: str, n: int, lang: str, /, **values: object) -> str:
    """The singular or plural form for `n`, as the language counts."""
    text = catalogue(language(lang)).ngettext(singular, plural, n)
    return _fill(text, singular if n == 1 else plural, values)


def pgettext(context: str, message: str, lang: str, /, **values: object) -> str:
    """`message` in `lang` where one English text has two translations (the context tells
    which), e.g. a narrow column header beside a longer label."""
    return _fill(catalogue(language(lang)).pgettext(context, message), message, values)


def N_(message: str) -> str:
    """Marks a text for the catalogue without translating it: module-level labels, which
    `_(text, lang)` translates when a page is drawn."""
    return message


@dataclass(frozen=True)
class Text:
    """Something to say in whichever language it is read: a message (marked with N_) and its
    values. A value that depends on the language, such as a number, is a function of it.

    The pipelines say why a file was refused without knowing who reads it: the command line
    prints it in its language, the warehouse stores it in both (rejected_row)."""

    message: str
    values: Mapping[str, object | Callable[[str], str]] = field(default_factory=dict)

    def __call__(self, lang: str) -> str:
        return _(self.message, lang, **{name: value(lang) if callable(value) else value
                                        for name, value in self.values.items()})

    def __str__(self) -> str:
        return self(command_language())


def said(message: str, /, **values: object) -> Text:
    """A Text: `said("Inbox {inbox} does not exist", inbox=path)`."""
    return Text(message, values)
