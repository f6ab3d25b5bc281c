-- Every distinct cell value of the staged input, for cell_rules.sql to type and check once: a
-- registry extract of ten million records holds a few hundred distinct gemeente codes and
-- dates and a few hundred combinations of codes, so the rules run on those and the rows only
-- look their result up (checked_rows.sql). Regions, months and figures: one scan of the
-- staging relation (grouping sets); the codes: their distinct combinations. Reads staged.

create or replace temp table intake_cell as
select
    case when grouping(region_text) = 0 then 'region'
         when grouping(period_text) = 0 then 'period'
         else 'value' end as field,
    coalesce(region_text, period_text, value_text) as cell
from staged
group by grouping sets ((region_text), (period_text), (value_text))
having cell is not null;   -- a column the input does not have

create or replace temp table intake_combination as
select distinct indicator_text, partner_text, sector_text, status_text from staged;
