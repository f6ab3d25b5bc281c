-- The last 50 runs that published the warehouse, newest first, with their counts as columns:
-- files per outcome (a partly loaded file is partial, never rejected), rows, errors, warnings.
select run_id, flow, started_at, finished_at, status, duration_s,
       files_loaded, files_partial, files_rejected, files_unchanged,
       rows_loaded, rows_rejected, errors, warnings
from pipeline_run
order by started_at desc
limit 50
