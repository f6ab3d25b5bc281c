-- Every delivered file, newest first, for the Data page: its status at loading and its state now
-- (sql/views/75_states.sql: held, approved, partly rejected by a steward, superseded, ...).
select id, file_name, received_at, steward, status, state, rows_accepted, rows_rejected, is_demo
from v_submission_state
order by received_at desc, file_name
