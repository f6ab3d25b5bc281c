-- What the checks compare cells with, built once per file from the reference tables.
-- Parameters: $today (the last acceptable month is the current one), $reasons, $columns and
-- $record_statuses (the paths of data/reference/reasons.csv, intake_columns.csv and
-- record_statuses.csv), $example_note (the opmerking of the template's example row,
-- dashboard/template.py).

-- The settings of the rules: the months every input must fall in (the programmes' span, and
-- never the future), the longest cell that can hold a code or a figure (longer is pasted text
-- or an attack) and the note that marks the template's example row (never a real figure).
-- How far above its series a figure is implausible: outlier_rule (plausibility.sql).
create or replace temp table intake_setting as
select date_trunc('month', min(start_date))::date as first_month,
       least(date_trunc('month', max(end_date)), date_trunc('month', $today::date))::date
           as last_month,
       1000 as max_cell_chars,
       name_key($example_note) as example_note
from programme;

-- Every text that names a region, lower-case, with what it resolves to. Preference: a region
-- code or name (rank 1), a gemeente's name in any era (2: former gemeenten such as
-- Geldermalsen count for the region they belonged to), a gemeente's name without its CBS
-- suffix (3: 'Bergen' for 'Bergen (NH.)' and 'Bergen (L.)', ambiguous), a gemeente code (4:
-- the region of the month, see region_code_month). A key whose best rank names two regions
-- is ambiguous; `candidates` lists them for the message.
create or replace temp table region_key as
with keys as (
    select lower(code) as key, 1 as rank, code as region, name || ' (' || code || ')' as label
    from region
    union all
    select lower(name), 1, code, name || ' (' || code || ')' from region
    union all
    select lower(code || ' ' || name), 1, code, name || ' (' || code || ')' from region
    union all
    select lower(name), 2, region, name || ' (' || region || ')' from gemeente_region
    union all
    select lower(split_part(name, ' (', 1)), 3, region, name || ' (' || region || ')'
    from gemeente_region where name like '% (%'
    union all
    select lower(code), 4, region, code || ' (' || region || ')' from gemeente_region
),
best as (
    select key, min(rank) as rank from keys group by key
),
final as (
    select key, rank,
           case when count(distinct region) = 1 then min(region) end as region,
           string_agg(distinct label, ', ' order by label) as candidates
    from keys join best using (key, rank)
    group by key, rank
)
select * from final;

-- Every text that names an organisation of the partner register, compared as name_key:
-- its code, its names and its aliases. A key that two organisations share names neither.
create or replace temp table partner_key as
with keys as (
    select name_key(code) as key, code as partner from partner
    union
    select name_key(name_nl), code from partner
    union
    select name_key(name_en), code from partner
    union
    select name_key(alias), partner from partner_alias
),
final as (
    select key, case when count(*) = 1 then min(partner) end as partner
    from keys
    group by key
)
select * from final;

-- What a message about an organisation says: its name and code, and the regions it serves
-- (null: every region).
create or replace temp table partner_scope as
select p.code as partner, p.name_nl || ' (' || p.code || ')' as label,
       list(r.region order by r.region) filter (where r.region is not null) as regions
from partner as p
left join partner_region as r on r.partner = p.code
group by all;

-- A gemeente code's region in each month of the window: the gemeente table valid in that
-- month, else its current region (a code not valid yet, e.g. West Betuwe before 2019).
create or replace temp table region_code_month as
with months as (
    select unnest(generate_series(first_month, last_month, interval 1 month))::date as period
    from intake_setting
),
final as (
    select lower(c.code) as key, m.period,
           coalesce(min(g.region), min(current_g.region)) as region
    from (select distinct code from gemeente_region) as c
    cross join months as m
    left join gemeente_region as g
        on g.code = c.code
        and coalesce(g.valid_from, date '1900-01-01') <= m.period
        and (g.valid_to is null or m.period < g.valid_to)
    left join gemeente_region as current_g
        on current_g.code = c.code and current_g.valid_to is null
    group by all
)
select * from final;

-- A registry record's status, and whether it counts (data/reference/record_statuses.csv):
-- 'geannuleerd' (cancelled before it started) never counts, since the indicators count starts.
-- A figure resting only on records that do not count is withdrawn on re-delivery (changes.sql).
create or replace temp table record_status as
select code, counts::boolean as counts
from read_csv($record_statuses, header = true, all_varchar = true);

-- The reasons in Dutch and English, and the column names each kind of input uses.
create or replace temp table reason as
select * from read_csv($reasons, header = true, all_varchar = true);

create or replace temp table intake_column as
select kind, column_name, field, required::boolean as required, position::integer as position
from read_csv($columns, header = true, all_varchar = true);
