-- Region shapes for the map from one source ('cbs' real boundaries or the 'schematic' tiles).
select code, name, geojson, attribution, source, year
from region_geometry
where level = 'arbeidsmarktregio' and source = $source
order by code
