-- The programme frame with its sources, for the Methode page.
select f.*, g.name as programme_name, i.unit
from programme_frame as f
join programme as g on g.code = f.programme
join indicator as i on i.code = f.indicator
order by f.programme, f.scope desc, f.indicator
