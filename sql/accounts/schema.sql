-- The accounts store: a small SQLite file of its own, never inside the warehouse that
-- `refresh` rebuilds. Applied at every open; every statement is idempotent.

-- A person who signs in. Public readers need no account.
create table if not exists account (
    username      text primary key,
    password_hash text not null,                 -- werkzeug.security (scrypt), never the password
    role          text not null check (role in ('partner', 'steward')),
    orgs          text not null default '[]',    -- JSON list of partner codes (data/reference/partners.csv)
    regions       text not null default '[]',    -- JSON list of region codes (AM..); empty: all
    disabled      integer not null default 0,
    created_at    text not null
);

-- Who did what, when: every sign-in (and failed attempt), upload, approval and run.
create table if not exists audit (
    id     integer primary key autoincrement,
    at     text not null,                        -- UTC, ISO 8601
    actor  text not null,
    action text not null,
    detail text not null default ''
);

-- A file a partner confirmed in the browser; its state is read from the inbox and the warehouse.
create table if not exists upload (
    id          text primary key,                -- also the prefix of the name in the inbox
    username    text not null,
    file_name   text not null,                   -- as the partner named it
    stored_name text not null,                   -- the name in the inbox
    sha256      text not null,
    rows        integer not null,
    warnings    integer not null,
    uploaded_at text not null
);
