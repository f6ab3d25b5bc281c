-- Every delivered file, newest first, for the Data page and `regiomonitor states`: its status at
-- loading, its state now (sql/views/75_states.sql: held, approved, partly rejected by a steward,
-- superseded, ...) and the last steward decision on it.
select id, file_name, received_at, steward, status, state, rows_accepted, rows_rejected, is_demo,
       decision_reason, decided_by, decided_at
from v_submission_state
order by received_at desc, file_name
