-- Regions without an expected figure for an indicator that has a model, and why
-- (v_context_expected.no_figure, sql/views/80_context.sql), for Methode (issue 26). Without a
-- model no region has a figure, which Methode says once for the indicator.
select x.programme, x.indicator, r.name as region_name, x.no_figure, x.fit_year
from v_context_expected as x
join region as r on r.code = x.region
join context_fit as f using (programme, indicator)
where f.status = 'fitted' and x.no_figure in ('no_context', 'incomplete_context')
order by x.programme, x.indicator, r.name
