-- A region's completeness per indicator and month up to the as-of month: expected partners,
-- those that delivered, and who is missing (v_completeness).
select indicator, period, partners_expected, partners_delivered, partners_missing, state
from mv_completeness
where region = $region and programme = $programme and period <= $month
order by indicator, period
