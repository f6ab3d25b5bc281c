select organisation, role
from signatory
where region = $region and programme = $programme
order by role, organisation
