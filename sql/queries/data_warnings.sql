-- Plausibility warnings: loaded, but worth a second look.
-- One page of them ($rows from $offset, in an order with no ties; the Data page shows 100 at a
-- time): every failing cell of a partner file is one. The counts: data_reason_counts.sql.
select s.id, s.file_name, w.source_row, w.column_name, w.value, w.reason_nl, w.reason_en
from submission_warning as w
join submission as s on s.id = w.submission_id
order by s.file_name, s.id, w.source_row nulls first, w.column_name nulls first, w.reason_en
limit $rows offset $offset
