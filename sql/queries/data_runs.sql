select run_id, flow, started_at, finished_at, status, summary
from pipeline_run
order by started_at desc
limit 50
