-- The expected path in each of Vergelijken's small multiples: one dashed line per indicator for
-- up to four regions, so it is their median at each month end (the regions' straight paths
-- differ when their baselines or deadlines do).
--   expected_share  median over the chosen regions of E / T (E the straight path's value,
--                   sql/views/10_progress.sql), at the month ends compare_series draws
with shares as (
    select indicator, as_of_month, expected / nullif(target_value, 0) as expected_share
    from mv_progress_monthly
    where programme = $programme and as_of_month <= $month
        and region in (select unnest($regions)) and realised is not null
),

final as (
    select indicator, last_day(as_of_month) as month_end, median(expected_share) as expected_share
    from shares
    group by indicator, as_of_month
)

select * from final
order by indicator, month_end
