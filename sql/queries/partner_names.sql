-- The name of every partner in both languages, from the partner register (data/reference/partners.csv):
-- how the pages name an organisation that an account or a file gives by its code (dashboard/names.py).
select code, name_nl, name_en
from partner
order by code
