-- The one rule set, for every input in the staging relation: each row with its cells' typed
-- values and the reason code of each failing cell (null when it is fine), looked up in the
-- checked distinct values (cells.sql); plus what needs the row: a gemeente code's region in
-- the record's month, whole counts (the unit comes with the indicator), an organisation
-- outside the regions the partner register lists for it, an oversized note or the
-- template's example row,
-- and the row's identity for the duplicate check (duplicates.sql): a registry record's id,
-- a partner row's region, indicator, month, partner and sector.
-- A view, never stored. Reads staged and the cell_* tables.
create or replace temp view checked_rows as
with joined as (
    select
        coalesce(s.source_row, s.rowid + 2)::integer as source_row,
        s.kind, s.record_id, s.region_text, s.indicator_text, s.period_text, s.value_text,
        s.partner_text, s.sector_text, s.status_text, s.note_text,
        r.candidates,
        c.codes_id,
        coalesce(r.region, rm.region) as region,
        r.gemeente_code,
        c.indicator,
        c.unit,
        p.period,
        -- a registry record counts one; a partner's figure is in its waarde cell
        case when s.value_text is null then 1 else v.value end as value,
        c.partner,
        c.partner_regions,
        c.sector,
        c.counts,
        coalesce(v.withdraw, false) as withdraw,
        r.problem as region_problem,
        c.indicator_problem,
        p.problem as period_problem,
        v.problem as value_problem,
        c.partner_problem,
        c.sector_problem,
        c.status_problem
    from staged as s
    left join cell_region as r on r.cell = s.region_text
    left join cell_period as p on p.cell = s.period_text
    left join cell_region_month as rm on rm.cell = s.region_text and rm.period = p.period
    left join cell_value as v on v.cell = s.value_text
    left join cell_codes as c
        on c.indicator_text = s.indicator_text and c.partner_text = s.partner_text
        and c.sector_text = s.sector_text
        and c.status_text is not distinct from s.status_text
),
checked as (
    select
        j.* exclude (value_problem, partner_problem),
        coalesce(j.value_problem,
                 case when j.unit = 'aantal' and j.value % 1 <> 0 then 'fractional' end)
            as value_problem,
        coalesce(j.partner_problem, partner_region_problem(j.partner_regions, j.region))
            as partner_problem,
        case when length(j.note_text) > w.max_cell_chars then 'too_long'
             when name_key(j.note_text) = w.example_note then 'example_row' end as note_problem
    from joined as j
    cross join intake_setting as w
),
final as (
    select
        *,
        case when record_id is not null then nullif(record_id, '')
             when coalesce(region_problem, indicator_problem, period_problem, partner_problem,
                           sector_problem) is null
                 then concat_ws('|', region, indicator, period, partner, sector)
        end as identity
    from checked
)
select * from final
