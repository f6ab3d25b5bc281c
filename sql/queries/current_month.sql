select as_of_month from v_current_month where programme = $programme
