-- Exact counts of approved models per stored search (search_queries; query 0 = every approved model),
-- kept by statement-level triggers on models and model_movements, like public_counts. Rows of
-- search_counts: kind 0 by (province, field, type, year); kind 1 the same per movement; kind 2 by
-- (province, commune, former commune, field); kind 3 the search's total, one row (province and field '').
-- title_count: models with every word in the title.
--
-- Writers take advisory lock 724902 shared; adding a search takes it exclusive, so a model written
-- while a search is being counted is counted exactly once (by the count or by the trigger).

-- Adds signed deltas: one element per model (movement null: the model itself, with its movements)
-- or per membership (movement set: kind 1 of that movement only).
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
    SELECT query_id, 0 AS kind, 0 AS movement_id, province_code, '' AS commune_code, '' AS former_commune_code,
      field_code, type, year, s, ts FROM m WHERE movement_id IS NULL
    UNION ALL
    SELECT query_id, 1, mm.movement_id, province_code, '', '', field_code, type, year, s, ts
      FROM m JOIN model_movements mm ON mm.model_id = m.id WHERE m.movement_id IS NULL
    UNION ALL
    SELECT query_id, 1, movement_id, province_code, '', '', field_code, type, year, s, ts FROM m WHERE movement_id IS NOT NULL
    UNION ALL
    SELECT query_id, 2, 0, province_code, coalesce(commune_code, ''), coalesce(former_commune_code, ''),
      field_code, '', 0, s, ts FROM m WHERE movement_id IS NULL
    UNION ALL
    SELECT query_id, 3, 0, '', '', '', '', '', 0, s, ts FROM m WHERE movement_id IS NULL
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
      SELECT 0 AS kind, 0 AS movement_id, province_code, '' AS commune_code, '' AS former_commune_code,
        field_code, type, year, s, ts FROM m
      UNION ALL
      SELECT 1, mm.movement_id, province_code, '', '', field_code, type, year, s, ts
        FROM m JOIN model_movements mm ON mm.model_id = m.id
      UNION ALL
      SELECT 2, 0, province_code, coalesce(commune_code, ''), coalesce(former_commune_code, ''), field_code, '', 0, s, ts FROM m
      UNION ALL
      SELECT 3, 0, '', '', '', '', '', 0, s, ts FROM m
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
  PERFORM pg_advisory_xact_lock(724902);
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
CREATE OR REPLACE FUNCTION search_counts_on_models() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(724902);
  IF TG_OP = 'INSERT' THEN
    PERFORM search_counts_apply(array_agg(1), array_agg(id), array_agg(province_code), array_agg(field_code),
      array_agg(type), array_agg(recognised_year), array_agg(commune_code), array_agg(former_commune_code),
      array_agg(search_vector), array_agg(NULL::int))
    FROM new_rows WHERE status = 'approved';
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM search_counts_apply(array_agg(-1), array_agg(id), array_agg(province_code), array_agg(field_code),
      array_agg(type), array_agg(recognised_year), array_agg(commune_code), array_agg(former_commune_code),
      array_agg(search_vector), array_agg(NULL::int))
    FROM old_rows WHERE status = 'approved';
  ELSE
    PERFORM search_counts_apply(array_agg(s), array_agg(id), array_agg(province_code), array_agg(field_code),
      array_agg(type), array_agg(recognised_year), array_agg(commune_code), array_agg(former_commune_code),
      array_agg(search_vector), array_agg(NULL::int))
    FROM (
      SELECT -1 AS s, o.* FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.status = 'approved' AND (o.status, o.province_code, o.field_code, o.type, o.recognised_year, o.commune_code,
        o.former_commune_code, o.search_vector) IS DISTINCT FROM (n.status, n.province_code, n.field_code, n.type,
        n.recognised_year, n.commune_code, n.former_commune_code, n.search_vector)
      UNION ALL
      SELECT 1, n.* FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id
      WHERE n.status = 'approved' AND (o.status, o.province_code, o.field_code, o.type, o.recognised_year, o.commune_code,
        o.former_commune_code, o.search_vector) IS DISTINCT FROM (n.status, n.province_code, n.field_code, n.type,
        n.recognised_year, n.commune_code, n.former_commune_code, n.search_vector)
    ) d;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_counts_on_memberships() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(724902);
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM search_counts_apply(array_agg(-1), array_agg(m.id), array_agg(m.province_code), array_agg(m.field_code),
      array_agg(m.type), array_agg(m.recognised_year), array_agg(m.commune_code), array_agg(m.former_commune_code),
      array_agg(m.search_vector), array_agg(o.movement_id))
    FROM old_rows o JOIN models m ON m.id = o.model_id WHERE m.status = 'approved';
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM search_counts_apply(array_agg(1), array_agg(m.id), array_agg(m.province_code), array_agg(m.field_code),
      array_agg(m.type), array_agg(m.recognised_year), array_agg(m.commune_code), array_agg(m.former_commune_code),
      array_agg(m.search_vector), array_agg(n.movement_id))
    FROM new_rows n JOIN models m ON m.id = n.model_id WHERE m.status = 'approved';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Memberships of an approved model leave before it (the cascade would remove them after it,
-- when the model's province, field, type and year are no longer there to count them down).
CREATE OR REPLACE FUNCTION search_counts_before_model_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'approved' AND EXISTS (SELECT 1 FROM model_movements WHERE model_id = OLD.id) THEN
    DELETE FROM model_movements WHERE model_id = OLD.id;
  END IF;
  RETURN OLD;
END $$;
--> statement-breakpoint
INSERT INTO search_queries (id, key) VALUES (0, '');
--> statement-breakpoint
SELECT search_counts_populate(0);
--> statement-breakpoint
CREATE TRIGGER models_search_counts_insert AFTER INSERT ON models
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_counts_on_models();
--> statement-breakpoint
CREATE TRIGGER models_search_counts_update AFTER UPDATE ON models
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_counts_on_models();
--> statement-breakpoint
CREATE TRIGGER models_search_counts_delete AFTER DELETE ON models
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_counts_on_models();
--> statement-breakpoint
CREATE TRIGGER models_search_counts_before_delete BEFORE DELETE ON models
  FOR EACH ROW EXECUTE FUNCTION search_counts_before_model_delete();
--> statement-breakpoint
CREATE TRIGGER model_movements_search_counts_insert AFTER INSERT ON model_movements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_counts_on_memberships();
--> statement-breakpoint
CREATE TRIGGER model_movements_search_counts_update AFTER UPDATE ON model_movements
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_counts_on_memberships();
--> statement-breakpoint
CREATE TRIGGER model_movements_search_counts_delete AFTER DELETE ON model_movements
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_counts_on_memberships();
