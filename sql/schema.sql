-- Regiomonitor warehouse schema. Applied by the pipelines to every new warehouse file;
-- the dashboard only reads. Keys and checks make bad reference data fail loudly.

create table region (
    code varchar primary key check (regexp_full_match(code, 'AM[0-9]{2}')),  -- CBS code
    name varchar not null unique
);

-- Position of each region in the schematic tile map (the offline default map).
create table region_tile (
    code varchar primary key references region (code),
    col integer not null,
    "row" integer not null,
    unique (col, "row")
);

-- Published region geometry as GeoJSON, by level and source ('schematic' or real boundaries).
create table region_geometry (
    level varchar not null check (level in ('arbeidsmarktregio', 'gemeente', 'provincie')),
    source varchar not null,       -- 'schematic', 'cbs'
    code varchar not null,
    name varchar not null,
    geojson varchar not null,      -- one GeoJSON geometry in WGS84
    attribution varchar not null,
    year integer,                  -- year of the boundaries (null for the schematic map)
    region varchar,                -- for a gemeente: its arbeidsmarktregio (current boundaries)
    primary key (level, source, code)
);

-- Gemeente → arbeidsmarktregio over time (data/reference/gemeente_regions.csv).
-- valid_from null: since before any reported date; valid_to exclusive, null while it exists.
create table gemeente_region (
    code varchar not null check (regexp_full_match(code, 'GM[0-9]{4}')),
    name varchar not null,
    region varchar not null references region (code),
    valid_from date,
    valid_to date,
    successor varchar,             -- the gemeente a former one merged into
    unique (code, valid_from),
    check (valid_to is null or valid_from is null or valid_to > valid_from),
    check ((successor is null) = (valid_to is null))
);

-- Names people write for a gemeente besides its CBS name: Den Bosch, Den Haag, A'dam
-- (data/reference/place_aliases.csv, each with its source); the search leads them to the gemeente.
create table place_alias (
    alias varchar primary key,
    code varchar not null check (regexp_full_match(code, 'GM[0-9]{4}')),
    source varchar not null
);

create table province (
    code varchar primary key check (regexp_full_match(code, 'PV[0-9]{2}')),
    name varchar not null unique
);

create table indicator (
    code varchar primary key,
    unit varchar not null check (unit in ('aantal', 'euro')),
    label_nl varchar not null,
    label_en varchar not null,
    definition_nl varchar not null,
    definition_en varchar not null
);

-- The partner register (data/reference/partners.csv and its companions, reviewed like code):
-- the organisations that deliver figures. A file's partner column may give the code, the
-- name or an alias (partner_alias), in any case and with or without accents.
create table partner_kind (
    code varchar primary key,
    label_nl varchar not null,
    label_en varchar not null,
    position integer not null
);

create table partner (
    code varchar primary key,
    name_nl varchar not null,
    name_en varchar not null,
    kind varchar not null references partner_kind (code),
    contact varchar                -- an address a steward can write to, when known
);

create table partner_alias (
    partner varchar not null references partner (code),
    alias varchar not null primary key
);

-- The regions an organisation serves; one without rows here serves every region (the
-- national organisations and the generic kinds the demo data uses).
create table partner_region (
    partner varchar not null references partner (code),
    region varchar not null references region (code),
    primary key (partner, region)
);

create table sector (
    code varchar primary key,
    label_nl varchar not null,
    label_en varchar not null
);

create table programme (
    code varchar primary key,
    name varchar not null,
    start_date date not null,
    end_date date not null check (end_date > start_date),
    source varchar not null
);

create table signatory (
    programme varchar not null references programme (code),
    region varchar not null references region (code),
    organisation varchar not null,
    role varchar not null,
    partner varchar references partner (code),   -- its register entry, when it delivers figures
    primary key (programme, region, organisation)
);

-- What a region promised: baseline B at baseline_date, target T at deadline.
-- An amendment is a new version with the date it took effect, never an overwrite:
-- progress at an as-of month uses the version in force at the end of that month.
create table target (
    programme varchar not null references programme (code),
    region varchar not null references region (code),
    indicator varchar not null references indicator (code),
    version integer not null check (version >= 1),
    valid_from date not null,
    baseline_value double not null check (baseline_value >= 0),
    baseline_date date not null,
    target_value double not null check (target_value >= 0),
    deadline date not null check (deadline > baseline_date),
    source varchar not null,
    note varchar,                  -- what the amendment changed, and why
    is_demo boolean not null,
    primary key (programme, region, indicator, version),
    unique (programme, region, indicator, valid_from)
);

-- Progress statuses: 'pace' ones apply from min_ratio upward on the anticipated progress
-- α = (P − B) / (T − B) (sql/views/10_progress.sql); 'rule' ones are decided before α (achieved,
-- not started, no data, deadline passed). on_track starts at α = 1, where the projection P reaches
-- the target: a card can only say on track when its projection does (issue 23).
-- The views and the methodology page both read these numbers.
create table status (
    code varchar primary key,
    kind varchar not null check (kind in ('rule', 'pace')),
    min_ratio double,
    sort integer not null unique,
    label_nl varchar not null,
    label_en varchar not null,
    description_nl varchar not null,
    description_en varchar not null,
    check ((kind = 'pace') = (min_ratio is not null)),
    check (code <> 'on_track' or min_ratio = 1)
);

-- The outlier rule's parameters per unit (data/reference/outlier_rules.csv): a figure above
-- ⌊max(m + mad_multiplier · 1,4826 · MAD, median_ratio · m, m + min_excess)⌋, m and MAD the
-- median and median absolute deviation of its series, is held for review; a series with fewer
-- than min_history other figures is judged against a group (outlier_level).
-- sql/pipelines/plausibility.sql applies them and the Methode page shows them.
create table outlier_rule (
    unit varchar primary key check (unit in ('aantal', 'euro')),
    min_history integer not null check (min_history >= 1),
    mad_multiplier double not null check (mad_multiplier > 0),
    median_ratio double not null check (median_ratio > 1),
    min_excess double not null check (min_excess >= 0)
);

-- What a figure is compared with, in order (data/reference/outlier_levels.csv): always its
-- indicator, and the columns whose by_* is true. Position 1 is the series itself (region,
-- partner, sector); the next ones are the groups tried when it has too short a history.
-- label_nl/label_en name the group in the warning, {key} standing for its codes.
create table outlier_level (
    code varchar primary key,
    position integer not null unique check (position >= 1),
    by_region boolean not null,
    by_partner boolean not null,
    by_sector boolean not null,
    by_partner_kind boolean not null,
    label_nl varchar not null,
    label_en varchar not null,
    check (not (by_partner and by_partner_kind))
);

-- Who must deliver what, from the covenant and partner registers (data/reference/obligations.csv):
-- a partner delivers an indicator for a region every month from first_month to last_month.
-- Where the register is silent the views apply the default rule (sql/views/05_completeness.sql).
create table reporting_obligation (
    programme varchar not null references programme (code),
    region varchar not null references region (code),
    partner varchar not null references partner (code),
    indicator varchar not null references indicator (code),
    first_month date not null check (day(first_month) = 1),
    last_month date check (day(last_month) = 1),   -- null: until the target's deadline
    source varchar not null,
    primary key (programme, region, partner, indicator),
    check (last_month is null or last_month >= first_month)
);

-- Settings the views apply, written from core/settings.py at every refresh so that
-- the SQL and the Methode page read the same numbers.
create table setting (
    name varchar primary key,
    value double not null,
    description varchar not null
);

-- The programme's frame above the regions: its national goal, and what a group of covenant
-- regions promised together (scope 'first_regions', the regions in `regions`, ';'-separated).
-- Context beside the regions' own targets, never added to them; every row names its source.
create table programme_frame (
    programme varchar not null references programme (code),
    scope varchar not null check (scope in ('national', 'first_regions')),
    indicator varchar not null references indicator (code),
    goal double not null check (goal > 0),
    regions varchar,
    source varchar not null,
    is_demo boolean not null,
    primary key (programme, scope, indicator)
);

-- Working-age population (15-74) per region, for figures per 10,000 inhabitants.
create table population (
    region varchar not null references region (code),
    year integer not null,
    population_15_74 integer not null check (population_15_74 > 0),
    source varchar not null,
    is_demo boolean not null,
    primary key (region, year)
);

-- Context per region and year (issue 26): what a region's figures are compared with beside the
-- straight line. Loaded from data/reference/context.csv (else the generated demo copy, flagged)
-- after sql/pipelines/context_check.sql found no bad row. Missing is null, never zero.
create table context (
    region varchar not null references region (code),
    year integer not null,
    population_15_74 integer not null check (population_15_74 > 0),
    unemployment_pct double check (unemployment_pct between 0 and 100),
    mbo_bbl integer check (mbo_bbl >= 0),
    mbo_bol integer check (mbo_bol >= 0),
    source varchar not null,
    source_date date not null,
    is_demo boolean not null,
    primary key (region, year)
);

-- The context model per programme and indicator (pipelines/context_model.py), fitted once at
-- build time on the levels at the programme's start; `context_sha256` names the context file it
-- was fitted on. status 'fitted', or 'too_few' (no coefficients: `regions` says how many had data).
create table context_fit (
    programme varchar not null references programme (code),
    indicator varchar not null references indicator (code),
    fit_year integer not null,
    status varchar not null check (status in ('fitted', 'too_few')),
    regions integer not null,
    min_regions integer not null,
    pseudo_r2 double,
    context_sha256 varchar not null,
    statsmodels_version varchar not null,
    is_demo boolean not null,
    primary key (programme, indicator)
);

-- Its coefficients on the log scale, with their 95% intervals.
create table context_coefficient (
    programme varchar not null,
    indicator varchar not null,
    term varchar not null check (term in ('intercept', 'unemployment_pct', 'bbl_per_100', 'bol_per_100')),
    estimate double not null,
    std_error double not null,
    ci_low double not null,
    ci_high double not null,
    primary key (programme, indicator, term),
    foreign key (programme, indicator) references context_fit (programme, indicator)
);

-- Leave-one-out: each region's level predicted by the model fitted without it.
create table context_loo (
    programme varchar not null,
    indicator varchar not null,
    region varchar not null references region (code),
    observed_per_10k double not null,
    predicted_per_10k double not null,
    primary key (programme, indicator, region)
);

-- One delivered file. Its id is the first 16 hex digits of its SHA-256.
create table submission (
    id varchar primary key,
    file_name varchar not null,
    sha256 varchar not null unique,
    received_at timestamp not null,
    steward varchar not null,
    -- loaded: every row; partial: the valid rows, accepted explicitly by the steward
    -- (--accept-valid-rows), the others in rejected_row; rejected: nothing loaded.
    status varchar not null check (status in ('loaded', 'partial', 'rejected')),
    rows_accepted integer not null,
    rows_rejected integer not null,
    is_demo boolean not null
);

-- A partner's realisation in one month (the first day of the month), traceable to its row.
-- Its codes and submission are not declared foreign keys, nor its key a primary key: the
-- rules admit only codes of the reference tables, the writer adds the submission in the same
-- transaction and removes a figure before adding its replacement, and DuckDB's per-row checks
-- of keys and references cost 0,5–0,6 s of a ten-million-record extract's ingest (171.000
-- figures; docs/benchmarks.md). Publishing refuses a second figure for a key
-- (sql/publish_guard.sql); the tests check the relationships (tests/helpers.py ORPHANS_SQL).
create table observation (
    region varchar not null,       -- region (code)
    indicator varchar not null,    -- indicator (code)
    period date not null check (day(period) = 1),
    partner varchar not null,      -- partner (code)
    sector varchar not null,       -- sector (code)
    -- exact: O&O euros have cents, and sums of DECIMAL do not depend on aggregation order
    value decimal(18, 2) not null check (value >= 0),
    submission_id varchar not null,   -- submission (id)
    source_row integer not null,   -- the row number as the partner sees it in Excel
    note varchar,
    is_demo boolean not null
);

-- Earlier figures replaced by a later submission's row with the same region, indicator,
-- month, partner and sector (the revision rule). new_value is null for a withdrawal: a row
-- 'intrekken', or a registry extract that no longer supports a figure in its scope.
create table observation_revision (
    region varchar not null,
    indicator varchar not null,
    period date not null,
    partner varchar not null,
    sector varchar not null,
    value decimal(18, 2) not null, -- the earlier figure
    submission_id varchar not null references submission (id),
    source_row integer not null,
    note varchar,
    is_demo boolean not null,
    replaced_by varchar not null references submission (id),
    replaced_at timestamp not null, -- when the correcting file was received
    new_value decimal(18, 2)
);

-- Plausibility warnings: figures that load but deserve a second look (never blocking).
create table submission_warning (
    submission_id varchar not null references submission (id),
    source_row integer,
    column_name varchar,
    value varchar,
    reason_nl varchar not null,
    reason_en varchar not null
);

-- Figures held for a steward's review (plausibility warnings, in submission_warning): not in
-- observation, so not on any page, until approved (`regiomonitor review`, pipelines/review.py).
create table held_figure (
    submission_id varchar not null references submission (id),
    source_row integer not null,
    region varchar not null,
    indicator varchar not null,
    period date not null,
    partner varchar not null,
    sector varchar not null,
    value decimal(18, 2) not null,
    note varchar,
    is_demo boolean not null,
    old_value decimal(18, 2),      -- the published figure it would replace, when held
    status varchar not null check (status in ('waiting', 'approved', 'rejected')),
    primary key (submission_id, source_row)
);

-- A steward's decision on a held figure, with who, when and why. Carried from one build to
-- the next (pipelines/warehouse.HISTORY_TABLES), so a rebuild applies the same decisions, in
-- the order they were made (pipelines/decisions.py).
create table review_decision (
    submission_id varchar not null,
    source_row integer not null,
    decision varchar not null check (decision in ('approved', 'rejected')),
    steward varchar not null,
    reason varchar not null,
    decided_at timestamp not null,
    -- the publication (id) that published it; null when decided with its file at ingest
    -- (--approve-warnings). A review's publication adds to "gewijzigd sinds de vorige
    -- publicatie" instead of replacing it (sql/queries/latest_publication.sql).
    publication integer,
    primary key (submission_id, source_row)
);

-- Every publish of the warehouse (pipelines/warehouse.finish, sql/publication.sql), and the
-- figures it changed against the one before: what "gewijzigd sinds de vorige publicatie"
-- shows. published_figure keeps the figures as published, to compare the next one with.
create table publication (
    id integer primary key,
    published_at timestamp not null,
    figures_changed integer not null,
    first boolean not null          -- the first publication: nothing to compare with
);

create table figure_change (
    publication integer not null references publication (id),
    region varchar not null,
    indicator varchar not null,
    period date not null,
    partner varchar not null,
    sector varchar not null,
    old_value decimal(18, 2),       -- null: a new figure
    new_value decimal(18, 2),       -- null: withdrawn
    submission_id varchar           -- where the new figure came from; for a withdrawn one the
                                    -- file that withdrew it (else the file it came from)
);

create table published_figure (
    region varchar not null,
    indicator varchar not null,
    period date not null,
    partner varchar not null,
    sector varchar not null,
    value decimal(18, 2) not null,
    submission_id varchar not null
);

-- The status of every region × indicator as each publication showed it (the programme's
-- current month: v_progress), written after the metric tables (sql/published_status.sql), so
-- that a status change is known per publication: from → to (sql/views/90_notices.sql, the
-- feeds and the mail digests). A history table: every rebuild carries it.
create table published_status (
    publication integer not null references publication (id),
    programme varchar not null,
    region varchar not null,
    indicator varchar not null,
    as_of_month date not null,
    status varchar not null,
    primary key (publication, programme, region, indicator)
);

-- The publication that first showed each held figure (sql/published_status.sql): the partner is
-- told it was held in that publication (sql/views/90_notices.sql). By the publication, not by
-- times: a file received while another run was publishing is held in the next one. A history
-- table: every rebuild carries it, so a rebuild tells nothing again.
create table held_told (
    submission_id varchar not null,
    source_row integer not null,
    publication integer not null references publication (id),
    primary key (submission_id, source_row)
);

-- Registry records per gemeente code as delivered (a registry extract's finer grain), for
-- each gemeente's share of its region and for the two boundary views (sql/views/50_*).
create table registry_gemeente_count (
    submission_id varchar not null references submission (id),
    gemeente_code varchar not null,
    region varchar not null,       -- assigned by the gemeente table valid on the record's date
    partner varchar not null,
    indicator varchar not null,
    period date not null,
    records integer not null,
    is_demo boolean not null
);

-- Why a row of a submission was not loaded; never silently dropped.
create table rejected_row (
    submission_id varchar not null references submission (id),
    source_row integer,            -- null when the whole file is unreadable
    column_name varchar,
    value varchar,
    reason_nl varchar not null,
    reason_en varchar not null
);

-- One run of a flow that published the warehouse, with its counts as columns (the Data page
-- and the CLI read them). A file that loaded partly counts as partial, never as rejected.
create table pipeline_run (
    run_id varchar primary key,
    flow varchar not null,          -- refresh, ingest, geometry
    started_at timestamp not null,
    finished_at timestamp not null,
    status varchar not null,
    files_loaded integer not null default 0,
    files_partial integer not null default 0,
    files_rejected integer not null default 0,
    files_unchanged integer not null default 0,   -- already in the warehouse (same hash)
    rows_loaded bigint not null default 0,        -- rows (extract records) accepted
    rows_rejected bigint not null default 0,
    errors bigint not null default 0,
    warnings bigint not null default 0,
    duration_s double,
    summary varchar not null default '{}'         -- JSON: the other steps' counts (reference data, geometry)
);

-- What one run did with each file it was given.
create table run_file (
    run_id varchar not null references pipeline_run (run_id),
    file_name varchar not null,
    sha256 varchar not null,
    kind varchar not null check (kind in ('submission', 'registry', 'unknown')),
    status varchar not null check (status in ('loaded', 'partial', 'rejected', 'unchanged')),
    rows_loaded bigint not null,
    rows_rejected bigint not null,
    errors bigint not null,
    warnings bigint not null,
    duration_s double not null
);
