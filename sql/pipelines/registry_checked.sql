-- A registry extract (record level), read with every column as text and checked in SQL, so a
-- bad cell gives a row-level reason instead of a silently text-typed column. One row per
-- record with its typed values and the first reason it fails (null when valid).
-- Reads the temp table `extract_raw` (source_row + the extract's columns as varchar).
-- Parameters: $first_month, $last_month.
create or replace temp table extract_checked as
with typed as (
    select
        r.source_row,
        r.id,
        r.gemeente_code,
        coalesce(g.region, current_g.region) as region,
        lower(trim(r.indicator)) as indicator,
        try_cast(trim(r.start_date) as date) as start_date,
        r.start_date as start_date_text,
        lower(trim(r.status)) as status,
        coalesce(nullif(lower(trim(r.sector)), ''), 'overig') as sector,
        lower(trim(r.partner)) as partner,
        count(*) over (partition by r.id) as id_count,
        row_number() over (partition by r.id order by r.source_row) as id_rank
    from extract_raw as r
    -- The region by the gemeente table valid on the record's start date; a code not valid on
    -- that date (e.g. West Betuwe before 2019) falls back to its current region.
    left join gemeente_region as g
        on g.code = upper(trim(r.gemeente_code))
        and coalesce(g.valid_from, date '1900-01-01') <= try_cast(trim(r.start_date) as date)
        and (g.valid_to is null or try_cast(trim(r.start_date) as date) < g.valid_to)
    left join gemeente_region as current_g
        on current_g.code = upper(trim(r.gemeente_code)) and current_g.valid_to is null
),
final as (
    select
        t.*,
        case
            when id is null or trim(id) = '' then 'id'
            when id_rank > 1 then 'id'
            when region is null then 'gemeente_code'
            when indicator not in (select code from indicator) then 'indicator'
            when start_date is null then 'start_date'
            when start_date < $first_month or start_date >= $last_month + interval 1 month
                then 'start_date_range'
            when status not in ('gestart', 'lopend', 'afgerond', 'afgebroken', 'geannuleerd')
                then 'status'
            when sector not in (select code from sector) then 'sector'
            when partner not in (select code from partner) then 'partner'
        end as problem
    from typed as t
)
select * from final
