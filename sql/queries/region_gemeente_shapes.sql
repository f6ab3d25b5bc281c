-- Today's gemeente shapes of a region, when real boundaries are loaded.
select code, name, geojson, attribution, year
from region_geometry
where level = 'gemeente' and region = $region
order by code
