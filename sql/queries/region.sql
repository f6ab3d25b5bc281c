select code, name from region where code = $region
