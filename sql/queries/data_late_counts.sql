-- The Data page's counts of partners behind (v_late_counts: region × partner pairs behind, the
-- distinct partners among them, pairs that only miss earlier months) at the due month.
select due_month, pairs, pairs_behind, partners_behind, pairs_gaps_only, pairs_listed
from mv_late_counts
where programme = $programme
