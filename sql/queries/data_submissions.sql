-- Every delivered file, newest first, for the stewards' Data page.
select id, file_name, received_at, steward, status, rows_accepted, rows_rejected, is_demo
from submission
order by received_at desc, file_name
