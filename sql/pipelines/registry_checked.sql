-- A registry extract (record level), read with every column as text and checked in SQL, so a
-- bad cell gives a row-level reason instead of a silently text-typed column. One row per
-- record with its typed values and the first reason it fails (null when valid).
-- A view, not a table: it is read once into extract_groups (and once more into
-- extract_problem only when some record fails), so the checked records are never stored.
-- Reads the temp tables `extract_raw` (the extract's columns as varchar; line = rowid + 2),
-- `extract_duplicate` and `extract_window`.
create or replace temp view extract_checked as
with cleaned as (
    select
        r.rowid as raw_rowid,
        r.id,
        upper(trim(r.gemeente_code)) as gemeente_code,
        lower(trim(r.indicator)) as indicator,
        try_cast(trim(r.start_date) as date) as start_date,
        lower(trim(r.status)) as status,
        coalesce(nullif(lower(trim(r.sector)), ''), 'overig') as sector,
        lower(trim(r.partner)) as partner
    from extract_raw as r
),
typed as (
    select
        (c.raw_rowid + 2)::integer as source_row,
        c.id,
        c.gemeente_code,
        coalesce(g.region, current_g.region) as region,
        c.indicator,
        c.start_date,
        date_trunc('month', c.start_date)::date as period,
        c.status,
        c.sector,
        c.partner,
        d.first_rowid is not null and c.raw_rowid > d.first_rowid as repeated_id
    from cleaned as c
    -- The region by the gemeente table valid on the record's start date; a code not valid on
    -- that date (e.g. West Betuwe before 2019) falls back to its current region.
    left join gemeente_region as g
        on g.code = c.gemeente_code
        and coalesce(g.valid_from, date '1900-01-01') <= c.start_date
        and (g.valid_to is null or c.start_date < g.valid_to)
    left join gemeente_region as current_g
        on current_g.code = c.gemeente_code and current_g.valid_to is null
    left join extract_duplicate as d on d.id = c.id
)
select
    t.*,
    case
        when id is null or trim(id) = '' then 'id'
        when repeated_id then 'id'
        when region is null then 'gemeente_code'
        when indicator not in (select code from indicator) then 'indicator'
        when start_date is null then 'start_date'
        when start_date < w.first_month or start_date >= w.last_month + interval 1 month
            then 'start_date_range'
        when status not in ('gestart', 'lopend', 'afgerond', 'afgebroken', 'geannuleerd')
            then 'status'
        when sector not in (select code from sector) then 'sector'
        when partner not in (select code from partner) then 'partner'
    end as problem
from typed as t, extract_window as w
