-- Every failing record of a checked extract: its line, column, the cell as delivered and the
-- reason in Dutch and English. Reads extract_raw, extract_problem and problem_reason.
select
    c.source_row,
    p.column_name,
    case p.column_name
        when 'id' then r.id
        when 'gemeente_code' then r.gemeente_code
        when 'indicator' then r.indicator
        when 'start_date' then r.start_date
        when 'status' then r.status
        when 'sector' then r.sector
        when 'partner' then r.partner
    end as value,
    p.reason_nl,
    p.reason_en
from extract_problem as c
join problem_reason as p using (problem)
join (select rowid + 2 as source_row, * from extract_raw) as r using (source_row)
