-- The cell values of a registry extract written the way the register writes it: every gemeente
-- code of the reference table, every day of the window as an ISO date, and every combination
-- of indicator, partner, sector (or none) and status code. cell_rules.sql types them with the
-- rules every input meets; a record with any other text, or with a text a rule rejects, sends
-- the extract through the staged path, which names each failing cell (pipelines/extract_pass.py).
-- Reads the lookups (lookups.sql).
create or replace temp table intake_cell as
with days as (
    select unnest(generate_series(first_month, last_month + interval 1 month - interval 1 day,
                                  interval 1 day))::date as day
    from intake_setting
),
final as (
    select 'region' as field, code as cell from (select distinct code from gemeente_region)
    union all
    select 'period', strftime(day, '%Y-%m-%d') from days
)
select * from final;

create or replace temp table intake_combination as
select i.code as indicator_text, p.code as partner_text, s.code as sector_text,
       r.code as status_text
from indicator as i
cross join partner as p
cross join (select code from sector union all select '') as s
cross join record_status as r;
