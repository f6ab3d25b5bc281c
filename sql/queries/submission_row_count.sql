-- How many rows one submission contributed (every page of sql/queries/submission_rows.sql).
select count(*) as source_rows
from observation
where submission_id = $submission
