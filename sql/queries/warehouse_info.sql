-- Whether any figure is generated, and when the warehouse was last published.
select
    (select bool_or(is_demo) from target) or (select bool_or(is_demo) from observation) as any_demo,
    (select max(finished_at) from pipeline_run) as published_at
