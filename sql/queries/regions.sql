select code, name from region order by name
