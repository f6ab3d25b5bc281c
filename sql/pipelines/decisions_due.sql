-- Recorded review decisions (review_decision) whose held figure still waits in this build,
-- made at or before $until (null: all of them), in the order they were made: a rebuild
-- replays them between the files, where they happened (pipelines/decisions.py). A decision
-- taken at ingest (--approve-warnings) was applied with its file (changes.sql) and waits no more.
with due as (
    select d.submission_id, d.source_row, d.decision, d.decided_at, s.received_at, s.file_name
    from review_decision as d
    join held_figure as h using (submission_id, source_row)
    join submission as s on s.id = d.submission_id
    where h.status = 'waiting' and ($until is null or d.decided_at <= $until)
),
final as (
    select * from due
)
select submission_id, source_row, decision, decided_at
from final
order by decided_at, received_at, file_name, source_row
