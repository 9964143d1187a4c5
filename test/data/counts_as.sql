-- counts_as(code, day): the municipality a code counts as on a day, written
-- independently of u16's views for the monitor tests: a code used on or after
-- its merger counts as its successor (one step, as in the fixtures).
CREATE FUNCTION counts_as(code text, d date) RETURNS text LANGUAGE sql AS $$
    SELECT coalesce((SELECT s.new_code FROM municipality_succession s WHERE s.old_code = code AND d >= s.effective_on), code)
$$;
