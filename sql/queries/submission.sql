select id, file_name, sha256, received_at, steward, status, rows_accepted, rows_rejected, is_demo
from submission
where id = $submission
