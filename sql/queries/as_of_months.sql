-- The as-of months a user can choose for a programme: from its start to the later of its
-- end and the current month; the current month is flagged as the default.
select m.as_of_month, m.as_of_month = c.as_of_month as is_current
from v_as_of_months as m
join mv_current_month as c using (programme)
join programme as p on p.code = m.programme
where m.programme = $programme
    and m.as_of_month <= greatest(c.as_of_month, date_trunc('month', p.end_date))
order by m.as_of_month desc
