"""The site header's links, once for every page, Dash and Flask alike (issue 24).

Who is signed in and what they may open: the public pages for everyone (from the Dash page
registry, Methode included), Aanleveren for partners, Beheer and Aanleveren for stewards,
Meldingen, Sessies and Uitloggen for an account of its own (a single sign-on proxy keeps its own sessions),
Inloggen for a public reader. components.header draws it for the Dash pages and
templates/_header.html for the Flask pages, from the same `Header`.

The header of a Dash page is part of its layout, which is cached (warehouse.per_snapshot and
response_cache): both key their entries by auth.viewer_key(), the account's name and role, so a
header is only ever served to the person it names. It therefore depends on nothing else of the
viewer: no CSRF token (a cached layout outlives a session), so on a Dash page Uitloggen is a link
to the sign-out page, whose form carries the token; the Flask pages, never cached, sign out in
one press.
"""
from __future__ import annotations

from dataclasses import dataclass

import dash

from core.texts import N_
from dashboard import auth
from dashboard.accounts import Account

SIGN_OUT_PATH = "/logout"


@dataclass(frozen=True)
class Link:
    label: str    # a catalogue message, said in the page's language where drawn
    path: str


@dataclass(frozen=True)
class Header:
    """What the header shows one viewer: the main links, and the signed-in account's name and links."""
    links: tuple[Link, ...]
    username: str | None
    account_links: tuple[Link, ...]


def public_links() -> tuple[Link, ...]:
    """The public pages in their order (dash.page_registry; a page with a path variable, such as
    a region, is reached from the others)."""
    pages = sorted((p for p in dash.page_registry.values()
                    if p.get("path_template") is None and p.get("nav_label")), key=lambda p: p["order"])
    return tuple(Link(p["nav_label"], p["path"]) for p in pages)


def role_links(user: Account | None) -> tuple[Link, ...]:
    """The pages of a role: a partner submits; a steward administers and may submit too."""
    if user is None:
        return ()
    submit = Link(N_("Submit"), "/aanleveren")
    return (Link(N_("Administration"), "/beheer"), submit) if user.is_steward else (submit,)


def account_links(user: Account | None) -> tuple[Link, ...]:
    """Sign in for a public reader; Notifications (mail digests, issue 24), Sessions and Sign
    out for an account of its own."""
    if user is None:
        return (Link(N_("Sign in"), "/login"),)
    if auth.sso_enabled():
        return ()
    return (Link(N_("Notifications"), "/meldingen"), Link(N_("Sessions"), "/sessies"),
            Link(N_("Sign out"), SIGN_OUT_PATH))


def header(user: Account | None) -> Header:
    """The header for `user` (None: a public reader)."""
    return Header(public_links() + role_links(user), user.username if user else None,
                  account_links(user))


def for_viewer() -> Header:
    """The header for whoever is asking (outside a request: the public one)."""
    try:
        return header(auth.account())
    except RuntimeError:
        return header(None)


def href(path: str, lang: str) -> str:
    """A header link in the page's language (Dutch needs no parameter)."""
    return path if lang == "nl" else f"{path}?lang={lang}"


def install(server: object) -> None:
    """The Flask templates' header (templates/_header.html) reads the same `Header`."""
    server.context_processor(lambda: {"site_header": for_viewer(), "nav_href": href})
