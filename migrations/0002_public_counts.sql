-- Counts of approved models per (province, field, type, year), kept by statement-level triggers
-- so that every write path (workflow, seeding, bulk loads) keeps facets and statistics exact.
CREATE OR REPLACE FUNCTION public_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO public_counts AS pc (province_code, field_code, type, year, count)
  SELECT province_code, field_code, type, recognised_year, count(*)::int
  FROM new_rows WHERE status = 'approved'
  GROUP BY province_code, field_code, type, recognised_year
  ON CONFLICT (province_code, field_code, type, year) DO UPDATE SET count = pc.count + EXCLUDED.count;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public_counts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE public_counts AS pc SET count = pc.count - d.n
  FROM (SELECT province_code, field_code, type, recognised_year, count(*)::int AS n
        FROM old_rows WHERE status = 'approved'
        GROUP BY province_code, field_code, type, recognised_year) d
  WHERE pc.province_code = d.province_code AND pc.field_code = d.field_code
    AND pc.type = d.type AND pc.year = d.recognised_year;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH delta AS (
    SELECT province_code, field_code, type, recognised_year AS year, -1 AS n FROM old_rows WHERE status = 'approved'
    UNION ALL
    SELECT province_code, field_code, type, recognised_year AS year, 1 AS n FROM new_rows WHERE status = 'approved'
  ), grouped AS (
    SELECT province_code, field_code, type, year, sum(n)::int AS n FROM delta
    GROUP BY province_code, field_code, type, year HAVING sum(n) <> 0
  )
  INSERT INTO public_counts AS pc (province_code, field_code, type, year, count)
  SELECT province_code, field_code, type, year, n FROM grouped
  ON CONFLICT (province_code, field_code, type, year) DO UPDATE SET count = pc.count + EXCLUDED.count;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER models_public_counts_insert AFTER INSERT ON models
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public_counts_on_insert();
--> statement-breakpoint
CREATE TRIGGER models_public_counts_update AFTER UPDATE ON models
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public_counts_on_update();
--> statement-breakpoint
CREATE TRIGGER models_public_counts_delete AFTER DELETE ON models
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public_counts_on_delete();
