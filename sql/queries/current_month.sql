-- The default as-of month and why: regions complete out of those expected, and the share required.
select as_of_month, regions_complete, regions_expected, share_required from mv_current_month where programme = $programme
