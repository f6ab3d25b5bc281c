-- One submission, and whether figures of it still wait in the review queue (v_held; a figure
-- a later file overtook waits for nothing).
select id, file_name, sha256, received_at, steward, status, rows_accepted, rows_rejected, is_demo,
       exists (select 1 from v_held as h
               where h.submission_id = s.id and not h.overtaken) as held_waiting
from submission as s
where id = $submission
