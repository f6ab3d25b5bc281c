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
    action text not null,                        -- a key of core/audit_log.py ACTIONS
    detail text not null default '',             -- in English, for a reader of this file
    params text                                  -- JSON: the key's parameters, said in the page's language
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

-- A browser signed in with an account (issue 25). Its cookie carries a random token; this
-- table keeps only the token's SHA-256. Signing out deletes the row; so does any change to the
-- account (the trigger below): an old cookie then finds nothing and gets the sign-in page.
create table if not exists session (
    id         text primary key,                 -- sha256 of the token in the session cookie
    username   text not null references account (username),
    created_at text not null,                    -- UTC, ISO 8601
    seen_at    text not null,                    -- UTC, ISO 8601; renewed at most once a minute
    address    text not null default '',
    agent      text not null default ''          -- the browser's User-Agent, shortened
);
create index if not exists session_username on session (username);

-- A new password, disabling (or enabling) an account, a change of role, organisations or
-- regions: every session of that account ends, so that none carries what no longer holds.
create trigger if not exists account_change_ends_sessions
after update of password_hash, role, orgs, regions, disabled on account
begin
    delete from session where username = new.username;
end;

-- A sign-in attempt that was not (yet) a success (issue 25): counted per account and per address
-- in this one file, which every gunicorn worker shares (sql/accounts/login_wait.sql). An attempt
-- is written before its password is checked and removed when it succeeds, so that attempts
-- arriving at once in several workers count each other.
create table if not exists login_failure (
    at       real not null,                      -- seconds since the epoch
    username text not null,                      -- as typed: unknown names count alike
    address  text not null
);
create index if not exists login_failure_username on login_failure (username, at);
create index if not exists login_failure_address on login_failure (address, at);
create index if not exists login_failure_at on login_failure (at);

-- Mail notices (issue 24; /meldingen, pipelines/notify.py). Where an account wants its digests,
-- in which language, and (a partner) whether it hears the outcome of its own organisations' files.
create table if not exists notify_setting (
    username   text primary key references account (username),
    email      text not null,
    lang       text not null default 'nl' check (lang in ('nl', 'en')),
    own_files  integer not null default 0,
    updated_at text not null                     -- UTC, ISO 8601
);

-- The regions an account follows: a digest tells it every public notice of these regions.
create table if not exists subscription (
    username text not null references account (username),
    region   text not null,                      -- AM.. (the warehouse's region codes)
    primary key (username, region)
);

-- One digest per publication per account, written before it is sent: a mail that could not go
-- out stays here (sent_at null, with its last error) and is tried again after the next publish.
create table if not exists outbox (
    id          integer primary key autoincrement,
    publication text not null,                   -- '<id>@<published_at>' of the warehouse
    username    text not null,
    recipient   text not null,
    subject     text not null,
    body        text not null,
    created_at  text not null,
    sent_at     text,
    attempts    integer not null default 0,
    last_error  text,
    unique (publication, username)
);
create index if not exists outbox_unsent on outbox (sent_at, id);

-- The last publication digests were written for, per warehouse file: every later one gets its
-- digests at the next publish, even when the one after it published first.
create table if not exists notify_mark (
    warehouse   text primary key,
    publication integer not null
);

-- A run a person started in the browser (issue 24): an upload's ingest, a refresh, a review
-- decision, each a Prefect flow run created with `key` as its idempotency key, so that a double
-- click, a second tab or a resubmitted form find the run they started. `flow_run_id` is empty
-- while Prefect could not be reached; the pages try again (same key) and nothing is lost.
create table if not exists run (
    key         text primary key,               -- 'upload:<id>', 'review:<held id>', 'refresh:<form id>'
    kind        text not null check (kind in ('ingest', 'refresh', 'review')),
    username    text not null,
    subject     text not null default '',       -- the upload id or the held figure's id
    flow        text not null,                  -- the deployment's flow (pipelines/deployments.py)
    parameters  text not null,                  -- JSON, to create the run again with the same key
    flow_run_id text,
    created_at  text not null                   -- UTC, ISO 8601
);
create index if not exists run_subject on run (subject);
