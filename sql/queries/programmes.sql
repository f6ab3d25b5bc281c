select code, name, start_date, end_date, source from programme order by start_date, code
