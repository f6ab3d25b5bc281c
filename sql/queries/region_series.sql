-- Cumulative realisations per month for the region's trajectory charts.
select indicator, period, realised_since_baseline
from v_monthly_realised
where region = $region and programme = $programme
order by indicator, period
