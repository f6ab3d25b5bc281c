-- Every rejected row with its reason, by file and row.
-- One page of them ($rows from $offset, in an order with no ties; the Data page shows 100 at a
-- time): every failing cell of a partner file is one. The counts: data_reason_counts.sql.
select s.id, s.file_name, r.source_row, r.column_name, r.value, r.reason_nl, r.reason_en
from rejected_row as r
join submission as s on s.id = r.submission_id
order by s.file_name, s.id, r.source_row nulls first, r.column_name nulls first, r.reason_en
limit $rows offset $offset
