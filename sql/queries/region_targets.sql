-- The covenant register for one region: every version of every target, amendments included.
select indicator, version, valid_from, baseline_value, baseline_date, target_value, deadline,
    source, note, is_demo
from target
where region = $region and programme = $programme
order by case indicator
    when 'leerwerkplaatsen' then 1 when 'evc_trajecten' then 2 when 'stages' then 3 else 4 end,
    version
