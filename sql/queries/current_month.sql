select as_of_month from mv_current_month where programme = $programme
