-- The programme frame with its sources, for the Methode page: per row the programme's name,
-- the indicator's unit and, for a group of regions, their names (CBS), alphabetically.
select
    f.*,
    g.name as programme_name,
    i.unit,
    (select string_agg(r.name, ', ' order by r.name) from region as r
     where list_contains(string_split(f.regions, ';'), r.code)) as region_names
from programme_frame as f
join programme as g on g.code = f.programme
join indicator as i on i.code = f.indicator
order by f.programme, f.scope desc, f.indicator
