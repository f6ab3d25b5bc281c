-- Region shapes for the map, best source first: real boundaries when loaded, else the schematic tiles.
select code, name, geojson, attribution, source
from region_geometry
where level = 'arbeidsmarktregio'
    and source = (
        select source from region_geometry
        where level = 'arbeidsmarktregio'
        order by source = 'schematic', source
        limit 1
    )
order by code
