-- One row per indicator of the region's targets in a programme, in indicator order.
select p.*
from v_progress as p
where p.region = $region and p.programme = $programme
order by case p.indicator
    when 'leerwerkplaatsen' then 1 when 'evc_trajecten' then 2 when 'stages' then 3 else 4 end
