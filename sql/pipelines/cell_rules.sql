-- The rules of single cells, applied once to each distinct value of an input (intake_cell and
-- intake_combination: from the staged rows, cells.sql, or the values a clean registry extract
-- may hold, extract_values.sql), so every path types and checks a cell the same way. The rows
-- look the results up (checked_rows.sql; a clean extract casts to enums of them,
-- extract_enums.sql). Reads the lookups (lookups.sql).

-- A region code or name, a gemeente name or code (lookups.sql region_key). Names resolve
-- whatever the month; so does a gemeente code that stayed in one region all window long.
-- The few codes whose region changed in the window resolve per month (cell_region_month).
create or replace temp table cell_region as
with moved as (
    select key from region_code_month group by key having count(distinct region) > 1
),
typed as (
    select c.cell, k.rank, k.region, k.candidates, m.key is not null as moved,
           case when k.rank = 4 then upper(trim(c.cell)) end as gemeente_code,
           cell_problem(c.cell, w.max_cell_chars) as cell_problem
    from intake_cell as c
    cross join intake_setting as w
    left join region_key as k on k.key = lower(trim(c.cell))
    left join moved as m on m.key = lower(trim(c.cell))
    where c.field = 'region'
),
final as (
    select row_number() over ()::integer as cell_id, cell, rank, moved, gemeente_code,
           case when rank < 4 or rank = 4 and not moved then region end as region,
           -- what a message offers: the candidates of an ambiguous name; the closest known
           -- names for an unknown one are added by cell_suggestions.sql, run only when there is
           -- one (registering its Python function imports numpy: 0,12 s of every run)
           candidates,
           coalesce(cell_problem,
                    case when rank is null then 'unknown_region'
                         when rank < 4 and region is null then 'ambiguous_region' end) as problem
    from typed
)
select * from final;

create or replace temp table cell_region_month as
select r.cell, m.period, m.region
from cell_region as r
join region_code_month as m on m.key = lower(trim(r.cell))
where r.rank = 4 and r.moved;

create or replace temp table cell_period as
select cell, period,
       coalesce(cell_problem(cell, max_cell_chars),
                case when period is null then 'not_a_month'
                     when period not between first_month and last_month
                         then 'out_of_window' end) as problem
from (select c.cell, nl_month(c.cell) as period, w.*
      from intake_cell as c, intake_setting as w where c.field = 'period');

-- A figure's problems that need no indicator; whole counts are checked per row (the unit
-- comes with the indicator).
-- The word 'intrekken' withdraws the figure of the row's key (no value, no problem).
create or replace temp table cell_value as
select cell, value, withdraw,
       coalesce(cell_problem(cell, max_cell_chars),
                case when withdraw then null
                     when value is null then 'not_a_number'
                     when value < 0 then 'negative' end) as problem
from (select c.cell, nl_number(c.cell) as value, is_withdrawal(c.cell) as withdraw,
             w.max_cell_chars
      from intake_cell as c, intake_setting as w where c.field = 'value');

-- The codes of a row together: indicator, partner (by code, name or alias; with the regions
-- it serves), sector (empty is the default, 'overig')
-- and a registry record's status. Their distinct combinations are few (an extract of ten
-- million records has under a thousand), so a row finds all four in one lookup.
create or replace temp table cell_codes as
with final as (
    select
        row_number() over () as codes_id,
        -- the same figure whatever the status, but the statuses that do not count: the grain
        -- a clean extract is counted at (extract_groups.sql)
        dense_rank() over (order by i.code, p.partner, s.code, rs.counts)::integer as figure_id,
        c.indicator_text, c.partner_text, c.sector_text, c.status_text,
        i.code as indicator, i.unit, p.partner, ps.regions as partner_regions,
        ps.label as partner_label,
        s.code as sector, rs.counts,
        coalesce(cell_problem(c.indicator_text, w.max_cell_chars),
                 case when i.code is null then 'unknown_indicator' end) as indicator_problem,
        coalesce(cell_problem(c.partner_text, w.max_cell_chars),
                 case when p.partner is null then 'unknown_partner' end) as partner_problem,
        case when trim(c.sector_text) <> '' then coalesce(
            cell_problem(c.sector_text, w.max_cell_chars),
            case when s.code is null then 'unknown_sector' end) end as sector_problem,
        case when c.status_text is not null and rs.code is null then 'unknown_status' end
            as status_problem
    from intake_combination as c
    cross join intake_setting as w
    left join indicator as i on i.code = lower(trim(c.indicator_text))
    left join partner_key as p on p.key = name_key(c.partner_text)
    left join partner_scope as ps on ps.partner = p.partner
    left join sector as s on s.code = coalesce(nullif(lower(trim(c.sector_text)), ''), 'overig')
    left join record_status as rs on rs.code = lower(trim(c.status_text))
)
select * from final;

-- "Did you mean" for an unknown organisation: the three register names most like it
-- (Jaro-Winkler over name_key), else every name, once per distinct unknown text
-- (problems.sql fills its message with them).
create or replace temp table cell_partner_suggestion as
with unknown as (
    select distinct partner_text as cell from cell_codes
    where partner is null and partner_text is not null
),
scored as (
    select u.cell, s.label, max(jaro_winkler_similarity(k.key, name_key(u.cell))) as score
    from unknown as u
    cross join partner_key as k
    join partner_scope as s on s.partner = k.partner
    group by all
),
ranked as (
    select *, row_number() over (partition by cell order by score desc, label) as position
    from scored
),
final as (
    select cell,
           coalesce(string_agg(label, ', ' order by position)
                        filter (where position <= 3 and score >= 0.8),
                    string_agg(label, ', ' order by label)) as candidates
    from ranked
    group by cell
)
select * from final;
