-- One set of maintained counts: public_counts goes (statistics read search 0 of search_counts, as the
-- facets do); kinds of count rows get names (enum count_kind, COUNT_KINDS in src/db/schema.ts); and
-- each of models, model_movements and movements has one trigger function per operation,
-- <table>_after_<operation>(), doing all the derived-data work of that write (src/db/maintained.ts).
-- Writes that touch no approved model return before any counting, locking or version raising.
-- The advisory lock's id comes from search_counts_lock_id(), which src/db/locks.ts creates before
-- the migrations run.
DROP TRIGGER models_public_counts_insert ON models;
--> statement-breakpoint
DROP TRIGGER models_public_counts_update ON models;
--> statement-breakpoint
DROP TRIGGER models_public_counts_delete ON models;
--> statement-breakpoint
DROP TRIGGER models_search_counts_insert ON models;
--> statement-breakpoint
DROP TRIGGER models_search_counts_update ON models;
--> statement-breakpoint
DROP TRIGGER models_search_counts_delete ON models;
--> statement-breakpoint
DROP TRIGGER models_search_counts_before_delete ON models;
--> statement-breakpoint
DROP TRIGGER model_movements_search_counts_insert ON model_movements;
--> statement-breakpoint
DROP TRIGGER model_movements_search_counts_update ON model_movements;
--> statement-breakpoint
DROP TRIGGER model_movements_search_counts_delete ON model_movements;
--> statement-breakpoint
DROP TRIGGER models_catalogue_version_insert ON models;
--> statement-breakpoint
DROP TRIGGER models_catalogue_version_update ON models;
--> statement-breakpoint
DROP TRIGGER models_catalogue_version_delete ON models;
--> statement-breakpoint
DROP TRIGGER models_catalogue_version_truncate ON models;
--> statement-breakpoint
DROP TRIGGER model_movements_catalogue_version_insert ON model_movements;
--> statement-breakpoint
DROP TRIGGER model_movements_catalogue_version_update ON model_movements;
--> statement-breakpoint
DROP TRIGGER model_movements_catalogue_version_delete ON model_movements;
--> statement-breakpoint
DROP TRIGGER model_movements_catalogue_version_truncate ON model_movements;
--> statement-breakpoint
DROP TRIGGER movements_catalogue_version ON movements;
--> statement-breakpoint
DROP FUNCTION public_counts_on_insert();
--> statement-breakpoint
DROP FUNCTION public_counts_on_update();
--> statement-breakpoint
DROP FUNCTION public_counts_on_delete();
--> statement-breakpoint
DROP FUNCTION search_counts_on_models();
--> statement-breakpoint
DROP FUNCTION search_counts_on_memberships();
--> statement-breakpoint
DROP FUNCTION search_counts_before_model_delete();
--> statement-breakpoint
DROP FUNCTION catalogue_version_on_models();
--> statement-breakpoint
DROP FUNCTION catalogue_version_on_memberships();
--> statement-breakpoint
DROP FUNCTION catalogue_version_on_any();
--> statement-breakpoint
DROP TABLE "public_counts";
--> statement-breakpoint
CREATE TYPE "public"."count_kind" AS ENUM('place', 'movement', 'commune', 'total');
--> statement-breakpoint
ALTER TABLE "search_counts" ALTER COLUMN "kind" SET DATA TYPE "public"."count_kind"
  USING (CASE "kind" WHEN 0 THEN 'place' WHEN 1 THEN 'movement' WHEN 2 THEN 'commune' WHEN 3 THEN 'total' END)::"public"."count_kind";
--> statement-breakpoint
-- Adds signed deltas: one element per model (movement null: the model itself, with its movements)
-- or per membership (movement set: the 'movement' row of that movement only).
CREATE OR REPLACE FUNCTION search_counts_apply(p_sign int[], p_id int[], p_province varchar[], p_field varchar[],
  p_type varchar[], p_year smallint[], p_commune varchar[], p_former varchar[], p_vector tsvector[], p_movement int[])
RETURNS void LANGUAGE sql AS $$
  WITH d AS (
    SELECT * FROM unnest(p_sign, p_id, p_province, p_field, p_type, p_year, p_commune, p_former, p_vector, p_movement)
      AS d(s, id, province_code, field_code, type, year, commune_code, former_commune_code, vector, movement_id)
  ), m AS (
    SELECT q.id AS query_id, d.*,
      CASE WHEN q.title_tsq IS NOT NULL AND d.vector @@ q.title_tsq THEN d.s ELSE 0 END AS ts
    FROM d JOIN search_queries q ON q.tsq IS NULL OR d.vector @@ q.tsq
  ), r AS (
    SELECT query_id, 'place'::count_kind AS kind, 0 AS movement_id, province_code, '' AS commune_code, '' AS former_commune_code,
      field_code, type, year, s, ts FROM m WHERE movement_id IS NULL
    UNION ALL
    SELECT query_id, 'movement', mm.movement_id, province_code, '', '', field_code, type, year, s, ts
      FROM m JOIN model_movements mm ON mm.model_id = m.id WHERE m.movement_id IS NULL
    UNION ALL
    SELECT query_id, 'movement', movement_id, province_code, '', '', field_code, type, year, s, ts FROM m WHERE movement_id IS NOT NULL
    UNION ALL
    SELECT query_id, 'commune', 0, province_code, coalesce(commune_code, ''), coalesce(former_commune_code, ''),
      field_code, '', 0, s, ts FROM m WHERE movement_id IS NULL
    UNION ALL
    SELECT query_id, 'total', 0, '', '', '', '', '', 0, s, ts FROM m WHERE movement_id IS NULL
  )
  INSERT INTO search_counts AS c (query_id, kind, movement_id, province_code, commune_code, former_commune_code,
    field_code, type, year, count, title_count)
  SELECT query_id, kind, movement_id, province_code, commune_code, former_commune_code, field_code, type, year, sum(s), sum(ts)
  FROM r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(s) <> 0 OR sum(ts) <> 0
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT (query_id, kind, movement_id, province_code, commune_code, former_commune_code, field_code, type, year)
  DO UPDATE SET count = c.count + EXCLUDED.count, title_count = c.title_count + EXCLUDED.title_count;
$$;
--> statement-breakpoint
-- Counts one stored search from scratch (its rows must not exist yet).
CREATE OR REPLACE FUNCTION search_counts_populate(p_query int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  q search_queries%ROWTYPE;
BEGIN
  SELECT * INTO STRICT q FROM search_queries WHERE id = p_query;
  -- One pass over the matches; enough memory that the bitmap of a common word stays exact.
  PERFORM set_config('work_mem', '64MB', true);
  EXECUTE format($f$
    WITH m AS (
      SELECT m.id, m.province_code, m.field_code, m.type, m.recognised_year AS year, m.commune_code,
        m.former_commune_code, 1 AS s, %s AS ts
      FROM models m WHERE m.status = 'approved' %s
    ), r AS (
      SELECT 'place'::count_kind AS kind, 0 AS movement_id, province_code, '' AS commune_code, '' AS former_commune_code,
        field_code, type, year, s, ts FROM m
      UNION ALL
      SELECT 'movement', mm.movement_id, province_code, '', '', field_code, type, year, s, ts
        FROM m JOIN model_movements mm ON mm.model_id = m.id
      UNION ALL
      SELECT 'commune', 0, province_code, coalesce(commune_code, ''), coalesce(former_commune_code, ''), field_code, '', 0, s, ts FROM m
      UNION ALL
      SELECT 'total', 0, '', '', '', '', '', 0, s, ts FROM m
    )
    INSERT INTO search_counts (query_id, kind, movement_id, province_code, commune_code, former_commune_code,
      field_code, type, year, count, title_count)
    SELECT %s, kind, movement_id, province_code, commune_code, former_commune_code, field_code, type, year, sum(s), sum(ts)
    FROM r GROUP BY kind, movement_id, province_code, commune_code, former_commune_code, field_code, type, year$f$,
    CASE WHEN q.title_tsq IS NULL THEN '0' ELSE format('(m.search_vector @@ %L::tsquery)::int', q.title_tsq::text) END,
    CASE WHEN q.tsq IS NULL THEN '' ELSE format('AND m.search_vector @@ %L::tsquery', q.tsq::text) END,
    p_query);
END $$;
--> statement-breakpoint
-- The id of a stored search, added and counted on first use; keeps the p_keep most recently used.
CREATE OR REPLACE FUNCTION search_query_ensure(p_key text, p_tsq tsquery, p_title tsquery, p_keep int)
RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  qid int;
BEGIN
  SELECT id INTO qid FROM search_queries WHERE key = p_key;
  IF FOUND THEN RETURN qid; END IF;
  PERFORM pg_advisory_xact_lock(search_counts_lock_id());
  -- A new snapshot: another session may have added it while this one waited.
  SELECT id INTO qid FROM search_queries WHERE key = p_key;
  IF FOUND THEN RETURN qid; END IF;
  INSERT INTO search_queries (key, tsq, title_tsq) VALUES (p_key, p_tsq, p_title) RETURNING id INTO qid;
  PERFORM search_counts_populate(qid);
  DELETE FROM search_queries WHERE id IN (
    SELECT id FROM search_queries WHERE id <> 0 ORDER BY used_at DESC, id DESC OFFSET greatest(p_keep, 1));
  RETURN qid;
END $$;
--> statement-breakpoint
-- Every trigger function below that counts raises the catalogue version first: a counting
-- transaction then takes count rows only while holding the version row, so two of them never lock
-- count rows in opposite orders. The advisory lock (shared) is taken only when there is a delta.
CREATE OR REPLACE FUNCTION models_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d record;
BEGIN
  SELECT array_agg(1) AS s, array_agg(id) AS id, array_agg(province_code) AS province, array_agg(field_code) AS field,
    array_agg(type) AS type, array_agg(recognised_year) AS year, array_agg(commune_code) AS commune,
    array_agg(former_commune_code) AS former, array_agg(search_vector) AS vector, array_agg(NULL::int) AS movement
  INTO d FROM new_rows WHERE status = 'approved';
  IF d.id IS NULL THEN RETURN NULL; END IF;
  PERFORM catalogue_version_bump();
  PERFORM pg_advisory_xact_lock_shared(search_counts_lock_id());
  PERFORM search_counts_apply(d.s, d.id, d.province, d.field, d.type, d.year, d.commune, d.former, d.vector, d.movement);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION models_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM old_rows WHERE status = 'approved') AND NOT EXISTS (SELECT 1 FROM new_rows WHERE status = 'approved') THEN
    RETURN NULL;
  END IF;
  -- Any write to a row that is or was public changes public pages.
  PERFORM catalogue_version_bump();
  -- Counts change only with a counted column: out with the old values, in with the new.
  SELECT array_agg(s) AS s, array_agg(id) AS id, array_agg(province_code) AS province, array_agg(field_code) AS field,
    array_agg(type) AS type, array_agg(recognised_year) AS year, array_agg(commune_code) AS commune,
    array_agg(former_commune_code) AS former, array_agg(search_vector) AS vector, array_agg(NULL::int) AS movement
  INTO d FROM (
    SELECT -1 AS s, o.* FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE o.status = 'approved' AND (o.status, o.province_code, o.field_code, o.type, o.recognised_year, o.commune_code,
      o.former_commune_code, o.search_vector) IS DISTINCT FROM (n.status, n.province_code, n.field_code, n.type,
      n.recognised_year, n.commune_code, n.former_commune_code, n.search_vector)
    UNION ALL
    SELECT 1, n.* FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id
    WHERE n.status = 'approved' AND (o.status, o.province_code, o.field_code, o.type, o.recognised_year, o.commune_code,
      o.former_commune_code, o.search_vector) IS DISTINCT FROM (n.status, n.province_code, n.field_code, n.type,
      n.recognised_year, n.commune_code, n.former_commune_code, n.search_vector)
  ) x;
  IF d.id IS NULL THEN RETURN NULL; END IF;
  PERFORM pg_advisory_xact_lock_shared(search_counts_lock_id());
  PERFORM search_counts_apply(d.s, d.id, d.province, d.field, d.type, d.year, d.commune, d.former, d.vector, d.movement);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION models_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d record;
BEGIN
  SELECT array_agg(-1) AS s, array_agg(id) AS id, array_agg(province_code) AS province, array_agg(field_code) AS field,
    array_agg(type) AS type, array_agg(recognised_year) AS year, array_agg(commune_code) AS commune,
    array_agg(former_commune_code) AS former, array_agg(search_vector) AS vector, array_agg(NULL::int) AS movement
  INTO d FROM old_rows WHERE status = 'approved';
  IF d.id IS NULL THEN RETURN NULL; END IF;
  PERFORM catalogue_version_bump();
  PERFORM pg_advisory_xact_lock_shared(search_counts_lock_id());
  PERFORM search_counts_apply(d.s, d.id, d.province, d.field, d.type, d.year, d.commune, d.former, d.vector, d.movement);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- No models: no counts of any search (truncating models truncates model_movements too).
CREATE OR REPLACE FUNCTION models_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM catalogue_version_bump();
  PERFORM pg_advisory_xact_lock_shared(search_counts_lock_id());
  DELETE FROM search_counts;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Memberships leave an approved model before it (the foreign key's cascade would remove them after
-- it, when its province, field, type and year are no longer there for model_movements_after_delete
-- to count them down).
CREATE OR REPLACE FUNCTION models_before_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'approved' AND EXISTS (SELECT 1 FROM model_movements WHERE model_id = OLD.id) THEN
    DELETE FROM model_movements WHERE model_id = OLD.id;
  END IF;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION model_movements_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d record;
BEGIN
  SELECT array_agg(1) AS s, array_agg(m.id) AS id, array_agg(m.province_code) AS province, array_agg(m.field_code) AS field,
    array_agg(m.type) AS type, array_agg(m.recognised_year) AS year, array_agg(m.commune_code) AS commune,
    array_agg(m.former_commune_code) AS former, array_agg(m.search_vector) AS vector, array_agg(n.movement_id) AS movement
  INTO d FROM new_rows n JOIN models m ON m.id = n.model_id WHERE m.status = 'approved';
  IF d.id IS NULL THEN RETURN NULL; END IF;
  PERFORM catalogue_version_bump();
  PERFORM pg_advisory_xact_lock_shared(search_counts_lock_id());
  PERFORM search_counts_apply(d.s, d.id, d.province, d.field, d.type, d.year, d.commune, d.former, d.vector, d.movement);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION model_movements_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d record;
BEGIN
  SELECT array_agg(x.s) AS s, array_agg(m.id) AS id, array_agg(m.province_code) AS province, array_agg(m.field_code) AS field,
    array_agg(m.type) AS type, array_agg(m.recognised_year) AS year, array_agg(m.commune_code) AS commune,
    array_agg(m.former_commune_code) AS former, array_agg(m.search_vector) AS vector, array_agg(x.movement_id) AS movement
  INTO d FROM (
    SELECT -1 AS s, model_id, movement_id FROM old_rows
    UNION ALL
    SELECT 1, model_id, movement_id FROM new_rows
  ) x JOIN models m ON m.id = x.model_id WHERE m.status = 'approved';
  IF d.id IS NULL THEN RETURN NULL; END IF;
  PERFORM catalogue_version_bump();
  PERFORM pg_advisory_xact_lock_shared(search_counts_lock_id());
  PERFORM search_counts_apply(d.s, d.id, d.province, d.field, d.type, d.year, d.commune, d.former, d.vector, d.movement);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION model_movements_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d record;
BEGIN
  SELECT array_agg(-1) AS s, array_agg(m.id) AS id, array_agg(m.province_code) AS province, array_agg(m.field_code) AS field,
    array_agg(m.type) AS type, array_agg(m.recognised_year) AS year, array_agg(m.commune_code) AS commune,
    array_agg(m.former_commune_code) AS former, array_agg(m.search_vector) AS vector, array_agg(o.movement_id) AS movement
  INTO d FROM old_rows o JOIN models m ON m.id = o.model_id WHERE m.status = 'approved';
  IF d.id IS NULL THEN RETURN NULL; END IF;
  PERFORM catalogue_version_bump();
  PERFORM pg_advisory_xact_lock_shared(search_counts_lock_id());
  PERFORM search_counts_apply(d.s, d.id, d.province, d.field, d.type, d.year, d.commune, d.former, d.vector, d.movement);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION model_movements_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM catalogue_version_bump();
  PERFORM pg_advisory_xact_lock_shared(search_counts_lock_id());
  DELETE FROM search_counts WHERE kind = 'movement';
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION movements_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM catalogue_version_bump();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION movements_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM catalogue_version_bump();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION movements_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM catalogue_version_bump();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION movements_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM catalogue_version_bump();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER models_after_insert AFTER INSERT ON models
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION models_after_insert();
--> statement-breakpoint
CREATE TRIGGER models_after_update AFTER UPDATE ON models
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION models_after_update();
--> statement-breakpoint
CREATE TRIGGER models_after_delete AFTER DELETE ON models
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION models_after_delete();
--> statement-breakpoint
CREATE TRIGGER models_after_truncate AFTER TRUNCATE ON models
  FOR EACH STATEMENT EXECUTE FUNCTION models_after_truncate();
--> statement-breakpoint
CREATE TRIGGER models_before_delete BEFORE DELETE ON models
  FOR EACH ROW EXECUTE FUNCTION models_before_delete();
--> statement-breakpoint
CREATE TRIGGER model_movements_after_insert AFTER INSERT ON model_movements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION model_movements_after_insert();
--> statement-breakpoint
CREATE TRIGGER model_movements_after_update AFTER UPDATE ON model_movements
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION model_movements_after_update();
--> statement-breakpoint
CREATE TRIGGER model_movements_after_delete AFTER DELETE ON model_movements
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION model_movements_after_delete();
--> statement-breakpoint
CREATE TRIGGER model_movements_after_truncate AFTER TRUNCATE ON model_movements
  FOR EACH STATEMENT EXECUTE FUNCTION model_movements_after_truncate();
--> statement-breakpoint
CREATE TRIGGER movements_after_insert AFTER INSERT ON movements
  FOR EACH STATEMENT EXECUTE FUNCTION movements_after_insert();
--> statement-breakpoint
CREATE TRIGGER movements_after_update AFTER UPDATE ON movements
  FOR EACH STATEMENT EXECUTE FUNCTION movements_after_update();
--> statement-breakpoint
CREATE TRIGGER movements_after_delete AFTER DELETE ON movements
  FOR EACH STATEMENT EXECUTE FUNCTION movements_after_delete();
--> statement-breakpoint
CREATE TRIGGER movements_after_truncate AFTER TRUNCATE ON movements
  FOR EACH STATEMENT EXECUTE FUNCTION movements_after_truncate();
