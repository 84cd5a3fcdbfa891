CREATE TABLE "catalogue_version" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "catalogue_version_one_row" CHECK ("catalogue_version"."id" = 1)
);
--> statement-breakpoint
-- The version public response caches compare against (src/web/page-cache.ts). Statement-level
-- triggers raise it in the writing transaction, so a reader sees the new number exactly when it
-- can see the new rows; a sequence would not do, as it moves before the commit.
INSERT INTO catalogue_version (id, version) VALUES (1, 1);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION catalogue_version_bump() RETURNS void LANGUAGE sql AS $$
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
$$;
--> statement-breakpoint
-- Drafts and entries under review are not public: writing only those leaves the version alone, so
-- cadres editing drafts neither empty the caches nor queue on the version row.
CREATE OR REPLACE FUNCTION catalogue_version_on_models() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Each branch names only the transition tables its event has.
  IF TG_OP = 'INSERT' THEN
    IF EXISTS (SELECT 1 FROM new_rows WHERE status = 'approved') THEN PERFORM catalogue_version_bump(); END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM old_rows WHERE status = 'approved') THEN PERFORM catalogue_version_bump(); END IF;
  ELSIF EXISTS (SELECT 1 FROM old_rows WHERE status = 'approved') OR EXISTS (SELECT 1 FROM new_rows WHERE status = 'approved') THEN
    PERFORM catalogue_version_bump();
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION catalogue_version_on_memberships() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF EXISTS (SELECT 1 FROM new_rows n JOIN models m ON m.id = n.model_id WHERE m.status = 'approved') THEN
      PERFORM catalogue_version_bump();
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM old_rows o JOIN models m ON m.id = o.model_id WHERE m.status = 'approved') THEN
      PERFORM catalogue_version_bump();
    END IF;
  ELSIF EXISTS (SELECT 1 FROM old_rows o JOIN models m ON m.id = o.model_id WHERE m.status = 'approved')
    OR EXISTS (SELECT 1 FROM new_rows n JOIN models m ON m.id = n.model_id WHERE m.status = 'approved') THEN
    PERFORM catalogue_version_bump();
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION catalogue_version_on_any() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM catalogue_version_bump();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER models_catalogue_version_insert AFTER INSERT ON models
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_on_models();
--> statement-breakpoint
CREATE TRIGGER models_catalogue_version_update AFTER UPDATE ON models
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_on_models();
--> statement-breakpoint
CREATE TRIGGER models_catalogue_version_delete AFTER DELETE ON models
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_on_models();
--> statement-breakpoint
CREATE TRIGGER models_catalogue_version_truncate AFTER TRUNCATE ON models
  FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_on_any();
--> statement-breakpoint
CREATE TRIGGER model_movements_catalogue_version_insert AFTER INSERT ON model_movements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_on_memberships();
--> statement-breakpoint
CREATE TRIGGER model_movements_catalogue_version_update AFTER UPDATE ON model_movements
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_on_memberships();
--> statement-breakpoint
CREATE TRIGGER model_movements_catalogue_version_delete AFTER DELETE ON model_movements
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_on_memberships();
--> statement-breakpoint
CREATE TRIGGER model_movements_catalogue_version_truncate AFTER TRUNCATE ON model_movements
  FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_on_any();
--> statement-breakpoint
-- Movement names and the list of movements are on the browse page's filters.
CREATE TRIGGER movements_catalogue_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON movements
  FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_on_any();
