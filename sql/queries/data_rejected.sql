-- Every rejected row with its reason, by file and row.
select s.id, s.file_name, r.source_row, r.column_name, r.value, r.reason_nl, r.reason_en
from rejected_row as r
join submission as s on s.id = r.submission_id
order by s.file_name, r.source_row nulls first
