"""The audit log's entries in words (issue 24): stored by key and parameters, said in the
reader's language when shown.

Whoever writes an entry (the sign-in, the upload pages, /beheer, `regiomonitor user`)
stores a key from ACTIONS and its parameters (dashboard/accounts.py Store.audit); /beheer says
each in the page's language. An entry of a key not listed here, or one from before keys
(action and detail as plain text), is shown as it was stored. A check (`validate`, the upload
page's Controleren) is recorded as a check, with what it found: never as "loaded".
"""
from __future__ import annotations

from collections.abc import Mapping

from core.texts import N_, _

# key → what happened, as the log's "What" column says it.
ACTIONS = {
    "login": N_("signed in"),
    "login sso": N_("signed in"),
    "login failed": N_("sign-in failed"),
    "login refused": N_("sign-in refused"),
    "logout": N_("signed out"),
    "logout everywhere": N_("signed out everywhere"),
    "upload checked": N_("file checked"),
    "upload": N_("file submitted"),
    "run ingest": N_("load started"),
    "run refresh": N_("rebuild started"),
    "run refresh dropping": N_("rebuild without files received earlier started"),
    "review approved": N_("figure approved"),
    "review rejected": N_("figure rejected"),
    "notifications": N_("notifications chosen"),
    "user add": N_("account added"),
    "user disable": N_("account disabled"),
    "user enable": N_("account enabled"),
    "user reset": N_("password reset"),
}
# key → its details, with the entry's parameters in {named} places.
DETAILS = {
    "login": N_("from {address}"),
    "login failed": N_("from {address}"),
    "login refused": N_("from {address}: wait {wait_s} s ({by})"),
    "login sso": N_("through the single sign-on proxy, as {role}"),
    "logout everywhere": N_("{n} session(s) ended"),
    "upload checked": N_("{file}: {verdict}; rows {rows}, errors {errors}, warnings {warnings}"),
    "upload": N_("{file} as {stored} ({sha}), {warnings} warning(s)"),
    "run ingest": N_("{files} file(s) in the inbox"),
    "run refresh": N_("{files} file(s) in the inbox"),
    "run refresh dropping": N_("{files} file(s) in the inbox"),
    "review approved": N_("{figure}: {reason}"),
    "review rejected": N_("{figure}: {reason}"),
    "notifications": N_("{regions} region(s) followed, own files: {own_files}"),
    "user add": N_("{user}"),
    "user disable": N_("{user}"),
    "user enable": N_("{user}"),
    "user reset": N_("{user}"),
}
# Words a parameter may hold (a check's verdict, a load's state), said in the reader's language too.
WORDS = {
    "can_load": N_("can be loaded"),
    "cannot_load": N_("would not load"),
    "unchanged": N_("already loaded, unchanged"),
    "loaded": N_("loaded"),
    "partial": N_("partly loaded"),
    "rejected": N_("rejected"),
    "check_failed": N_("could not be checked"),
    "by_account": N_("too many attempts for this account"),
    "by_address": N_("too many attempts from this address"),
    "partner": N_("partner"),
    "steward": N_("data steward"),
    "yes": N_("yes"),
    "no": N_("no"),
}


def action_text(key: str, lang: str) -> str:
    """What happened, in `lang`; an unknown key as it is."""
    return _(ACTIONS[key], lang) if key in ACTIONS else key


def detail_text(key: str, params: Mapping[str, object] | None, lang: str, stored: str = "") -> str:
    """The details in `lang` from the parameters; without parameters (an entry from before keys),
    the details as they were stored."""
    if not params or key not in DETAILS:
        return stored
    said = {name: _(WORDS[value], lang) if isinstance(value, str) and value in WORDS else value
            for name, value in params.items()}
    try:
        return _(DETAILS[key], lang, **said)
    except (KeyError, IndexError):   # parameters of another version: show what was stored
        return stored
