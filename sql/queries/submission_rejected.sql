-- Why rows of one submission were not loaded: one page of them ($rows from $offset, in an order
-- with no ties; the file's page shows 100 at a time: every failing cell is one).
select source_row, column_name, value, reason_nl, reason_en
from rejected_row
where submission_id = $submission
order by source_row nulls first, column_name nulls first, reason_en
limit $rows offset $offset
