-- One submission, with its state now (sql/views/75_states.sql v_submission_state: held while
-- figures of it wait for a steward, rejected or partly rejected by one, superseded, ...).
select id, file_name, sha256, received_at, steward, status, state, rows_accepted, rows_rejected, is_demo
from v_submission_state
where id = $submission
