-- How many rows one submission contributed and how many of its rows were rejected (every page
-- of sql/queries/submission_rows.sql and submission_rejected.sql).
select
    (select count(*) from observation where submission_id = $submission) as source_rows,
    (select count(*) from rejected_row where submission_id = $submission) as rejected
