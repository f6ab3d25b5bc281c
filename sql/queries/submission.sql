-- One submission, and whether figures of it still wait in the review queue.
select id, file_name, sha256, received_at, steward, status, rows_accepted, rows_rejected, is_demo,
       exists (select 1 from held_figure as h
               where h.submission_id = s.id and h.status = 'waiting') as held_waiting
from submission as s
where id = $submission
