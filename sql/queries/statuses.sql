select code, kind, min_ratio, sort, label_nl, label_en, description_nl, description_en
from status
order by sort
