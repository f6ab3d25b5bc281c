-- The map shapes on offer, best first: real boundaries when loaded, the schematic tiles always.
select source, any_value(attribution) as attribution, max(year) as year
from region_geometry
where level = 'arbeidsmarktregio'
group by source
order by source = 'schematic', source
