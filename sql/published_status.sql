-- The status of every region × indicator as this publication shows it (issue 24): each
-- programme's current month (mv_current_month) of the progress as shown (mv_progress_monthly).
-- Runs after materialize.sql and publication.sql (pipelines/warehouse.finish), so it reads the
-- metric tables and the publication just recorded. sql/views/90_notices.sql compares it with
-- the publication before: a status change, from → to. Then the held figures it first shows.
insert into published_status
select
    (select max(id) from publication) as publication,
    p.programme,
    p.region,
    p.indicator,
    p.as_of_month,
    p.status
from mv_progress_monthly as p
join mv_current_month as c using (programme, as_of_month)
where p.status is not null;

-- The held figures this publication is the first to show (schema.sql, held_told).
insert into held_told
select h.submission_id, h.source_row, (select max(id) from publication)
from held_figure as h
anti join held_told as t using (submission_id, source_row);
