-- The rows one submission contributed, as the partner delivered them (row numbers as in Excel):
-- one page of them ($rows from $offset; the Data page shows 100 at a time, as its other long
-- lists: a registry extract contributes tens of thousands). The count is
-- sql/queries/submission_counts.sql.
select source_row, region, indicator, period, partner, sector, value, note
from observation
where submission_id = $submission
order by source_row
limit $rows offset $offset
