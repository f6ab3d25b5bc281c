-- Plausibility warnings: loaded, but worth a second look.
select s.id, s.file_name, w.source_row, w.column_name, w.value, w.reason_nl, w.reason_en
from submission_warning as w
join submission as s on s.id = w.submission_id
order by s.file_name, w.source_row nulls first
