-- Why rows of one submission were not loaded.
select source_row, column_name, value, reason_nl, reason_en
from rejected_row
where submission_id = $submission
order by source_row nulls first
