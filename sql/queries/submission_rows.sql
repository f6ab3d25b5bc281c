-- The rows one submission contributed, as the partner delivered them (row numbers as in Excel).
select source_row, region, indicator, period, partner, sector, value, note
from observation
where submission_id = $submission
order by source_row
