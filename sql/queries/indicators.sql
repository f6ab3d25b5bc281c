select code, unit, label_nl, label_en, definition_nl, definition_en
from indicator
order by case code
    when 'leerwerkplaatsen' then 1 when 'evc_trajecten' then 2 when 'stages' then 3 else 4 end
