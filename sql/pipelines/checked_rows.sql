-- The one rule set, for every input in the staging relation: each cell typed (Dutch numbers
-- and months, names looked up) and checked, with the reason code of each failing cell (null
-- when it is fine), and the row's identity for the duplicate check (duplicates.sql): a
-- registry record's id, a partner row's region, indicator, month, partner and sector.
-- A view, never stored. Reads staged (staged.sql) and the lookups (lookups.sql).
create or replace temp view checked_rows as
with cells as (
    select
        coalesce(s.source_row, s.rowid + 2)::integer as source_row,
        s.kind, s.record_id, s.region_text, s.indicator_text, s.period_text, s.value_text,
        s.partner_text, s.sector_text, s.status_text, s.note_text,
        lower(trim(s.region_text)) as region_key,
        lower(trim(s.indicator_text)) as indicator,
        nl_month(s.period_text) as period,
        -- a registry record counts one; a partner's figure is in its waarde cell
        case when s.value_text is null then 1 else nl_number(s.value_text) end as value,
        lower(trim(s.partner_text)) as partner,
        coalesce(nullif(lower(trim(s.sector_text)), ''), 'overig') as sector,
        lower(trim(s.status_text)) as status
    from staged as s
),
resolved as (
    select
        c.*,
        k.rank as region_rank,
        k.candidates,
        case when k.rank = 4 then m.region else k.region end as region,
        case when k.rank = 4 then upper(trim(c.region_text)) end as gemeente_code,
        i.unit,
        p.code as known_partner,
        se.code as known_sector,
        rs.counts
    from cells as c
    left join region_key as k on k.key = c.region_key
    left join region_code_month as m on m.key = c.region_key and m.period = c.period
    left join indicator as i on i.code = c.indicator
    left join partner as p on p.code = c.partner
    left join sector as se on se.code = c.sector
    left join record_status as rs on rs.code = c.status
),
problems as (
    select
        r.*,
        coalesce(cell_problem(r.region_text, w.max_cell_chars),
                 case when r.region_rank is null then 'unknown_region'
                      when r.region_rank < 4 and r.region is null then 'ambiguous_region' end)
            as region_problem,
        coalesce(cell_problem(r.indicator_text, w.max_cell_chars),
                 case when r.unit is null then 'unknown_indicator' end) as indicator_problem,
        coalesce(cell_problem(r.period_text, w.max_cell_chars),
                 case when r.period is null then 'not_a_month'
                      when r.period not between w.first_month and w.last_month
                          then 'out_of_window' end) as period_problem,
        case when r.value_text is not null then coalesce(
            cell_problem(r.value_text, w.max_cell_chars),
            case when r.value is null then 'not_a_number'
                 when r.value < 0 then 'negative'
                 when r.unit = 'aantal' and r.value % 1 <> 0 then 'fractional' end)
        end as value_problem,
        coalesce(cell_problem(r.partner_text, w.max_cell_chars),
                 case when r.known_partner is null then 'unknown_partner' end) as partner_problem,
        case when trim(r.sector_text) <> '' then coalesce(
            cell_problem(r.sector_text, w.max_cell_chars),
            case when r.known_sector is null then 'unknown_sector' end)
        end as sector_problem,
        case when r.status_text is not null and r.counts is null then 'unknown_status' end
            as status_problem,
        case when length(r.note_text) > w.max_cell_chars then 'too_long' end as note_problem
    from resolved as r, intake_setting as w
),
final as (
    select
        *,
        case when record_id is not null then nullif(record_id, '')
             when coalesce(region_problem, indicator_problem, period_problem, partner_problem,
                           sector_problem) is null
                 then concat_ws('|', region, indicator, period, partner, sector)
        end as identity
    from problems
)
select * from final
