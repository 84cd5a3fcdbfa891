CREATE TABLE "movement_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"movement_id" integer,
	"movement_code" varchar(64) NOT NULL,
	"actor_id" integer,
	"action" varchar(24) NOT NULL,
	"changes" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "movement_phases" (
	"id" serial PRIMARY KEY NOT NULL,
	"movement_id" integer NOT NULL,
	"name" text NOT NULL,
	"start_year" smallint NOT NULL,
	"end_year" smallint,
	"position" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "movement_phases_years_check" CHECK ("movement_phases"."end_year" is null or "movement_phases"."end_year" >= "movement_phases"."start_year")
);
--> statement-breakpoint
CREATE TABLE "commendation_forms" (
	"code" varchar(32) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
INSERT INTO "commendation_forms" ("code", "name", "position") VALUES
  ('huan_chuong', 'Huân chương', 10),
  ('huy_chuong', 'Huy chương', 20),
  ('co_thi_dua', 'Cờ thi đua', 30),
  ('chien_si_thi_dua', 'Chiến sĩ thi đua', 40),
  ('tap_the_lao_dong_xuat_sac', 'Tập thể lao động xuất sắc', 50),
  ('lao_dong_tien_tien', 'Lao động tiên tiến', 60),
  ('bang_khen', 'Bằng khen', 70),
  ('giay_khen', 'Giấy khen', 80),
  ('bieu_duong', 'Biểu dương tại hội nghị', 90),
  ('other', 'Hình thức khác', 100);
--> statement-breakpoint
ALTER TABLE "commendations" DROP CONSTRAINT "commendations_form_check";--> statement-breakpoint
ALTER TABLE "commendations" ALTER COLUMN "form" SET DATA TYPE varchar(32);--> statement-breakpoint
ALTER TABLE "commendations" ADD COLUMN "movement_id" integer;--> statement-breakpoint
ALTER TABLE "commendations" ADD COLUMN "evidence_file_id" integer;--> statement-breakpoint
ALTER TABLE "commendations" ADD COLUMN "revoked_at" date;--> statement-breakpoint
ALTER TABLE "commendations" ADD COLUMN "revoked_reason" text;--> statement-breakpoint
ALTER TABLE "commendations" ADD COLUMN "revoked_by" integer;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "kind" varchar(16) DEFAULT 'regular' NOT NULL;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "document_storage_key" varchar(128);--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "document_name" text;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "document_mime_type" varchar(128);--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "document_size_bytes" integer;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "goals" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "criteria" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "participants" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "status" varchar(16) DEFAULT 'in_force' NOT NULL;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "created_by" integer;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "movement_history" ADD CONSTRAINT "movement_history_movement_id_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."movements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "movement_history" ADD CONSTRAINT "movement_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "movement_phases" ADD CONSTRAINT "movement_phases_movement_id_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."movements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "movement_history_movement_idx" ON "movement_history" USING btree ("movement_id","id");--> statement-breakpoint
CREATE INDEX "movement_phases_movement_idx" ON "movement_phases" USING btree ("movement_id","position");--> statement-breakpoint
ALTER TABLE "commendations" ADD CONSTRAINT "commendations_form_commendation_forms_code_fk" FOREIGN KEY ("form") REFERENCES "public"."commendation_forms"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendations" ADD CONSTRAINT "commendations_movement_id_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendations" ADD CONSTRAINT "commendations_evidence_file_id_evidence_files_id_fk" FOREIGN KEY ("evidence_file_id") REFERENCES "public"."evidence_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendations" ADD CONSTRAINT "commendations_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "movements" ADD CONSTRAINT "movements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "commendations_model_decision_idx" ON "commendations" USING btree ("model_id","decision_number");--> statement-breakpoint
CREATE INDEX "movements_status_idx" ON "movements" USING btree ("status","level","province_code");--> statement-breakpoint
CREATE INDEX "replications_source_idx" ON "replications" USING btree ("source_model_id");--> statement-breakpoint
ALTER TABLE "commendations" ADD CONSTRAINT "commendations_revocation_check" CHECK (("commendations"."revoked_at" is null) = ("commendations"."revoked_reason" is null));--> statement-breakpoint
ALTER TABLE "movements" ADD CONSTRAINT "movements_kind_check" CHECK ("movements"."kind" in ('regular', 'thematic'));--> statement-breakpoint
ALTER TABLE "movements" ADD CONSTRAINT "movements_status_check" CHECK ("movements"."status" in ('draft', 'in_force', 'ended'));--> statement-breakpoint
ALTER TABLE "movements" ADD CONSTRAINT "movements_years_check" CHECK ("movements"."end_year" is null or "movements"."end_year" >= "movements"."start_year");
--> statement-breakpoint
-- Movements whose end year has passed were in force only until then.
-- Only what the public sees raises the catalogue version: links, commendations of approved models,
-- phases of movements that are not drafts.
UPDATE "movements" SET "status" = 'ended' WHERE "end_year" IS NOT NULL AND "end_year" < extract(year from now() at time zone 'Asia/Ho_Chi_Minh');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION commendations_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows n JOIN models m ON m.id = n.model_id WHERE m.status = 'approved') THEN PERFORM catalogue_version_bump(); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER commendations_after_insert AFTER INSERT ON commendations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION commendations_after_insert();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION commendations_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows o JOIN models m ON m.id = o.model_id WHERE m.status = 'approved')
    OR EXISTS (SELECT 1 FROM new_rows n JOIN models m ON m.id = n.model_id WHERE m.status = 'approved') THEN
    PERFORM catalogue_version_bump();
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER commendations_after_update AFTER UPDATE ON commendations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION commendations_after_update();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION commendations_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows o JOIN models m ON m.id = o.model_id WHERE m.status = 'approved') THEN PERFORM catalogue_version_bump(); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER commendations_after_delete AFTER DELETE ON commendations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION commendations_after_delete();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION commendations_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM catalogue_version_bump();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER commendations_after_truncate AFTER TRUNCATE ON commendations
  FOR EACH STATEMENT EXECUTE FUNCTION commendations_after_truncate();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION commendation_forms_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM catalogue_version_bump();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER commendation_forms_after_insert AFTER INSERT ON commendation_forms
  FOR EACH STATEMENT EXECUTE FUNCTION commendation_forms_after_insert();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION commendation_forms_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM catalogue_version_bump();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER commendation_forms_after_update AFTER UPDATE ON commendation_forms
  FOR EACH STATEMENT EXECUTE FUNCTION commendation_forms_after_update();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION commendation_forms_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM catalogue_version_bump();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER commendation_forms_after_delete AFTER DELETE ON commendation_forms
  FOR EACH STATEMENT EXECUTE FUNCTION commendation_forms_after_delete();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION commendation_forms_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM catalogue_version_bump();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER commendation_forms_after_truncate AFTER TRUNCATE ON commendation_forms
  FOR EACH STATEMENT EXECUTE FUNCTION commendation_forms_after_truncate();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION replications_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows n JOIN models m ON m.id IN (n.source_model_id, n.replica_model_id) WHERE m.status = 'approved') THEN PERFORM catalogue_version_bump(); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER replications_after_insert AFTER INSERT ON replications
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION replications_after_insert();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION replications_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows o JOIN models m ON m.id IN (o.source_model_id, o.replica_model_id) WHERE m.status = 'approved')
    OR EXISTS (SELECT 1 FROM new_rows n JOIN models m ON m.id IN (n.source_model_id, n.replica_model_id) WHERE m.status = 'approved') THEN
    PERFORM catalogue_version_bump();
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER replications_after_update AFTER UPDATE ON replications
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION replications_after_update();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION replications_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows o JOIN models m ON m.id IN (o.source_model_id, o.replica_model_id) WHERE m.status = 'approved') THEN PERFORM catalogue_version_bump(); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER replications_after_delete AFTER DELETE ON replications
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION replications_after_delete();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION replications_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM catalogue_version_bump();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER replications_after_truncate AFTER TRUNCATE ON replications
  FOR EACH STATEMENT EXECUTE FUNCTION replications_after_truncate();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION movement_phases_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows n JOIN movements mv ON mv.id = n.movement_id WHERE mv.status <> 'draft') THEN PERFORM catalogue_version_bump(); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER movement_phases_after_insert AFTER INSERT ON movement_phases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION movement_phases_after_insert();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION movement_phases_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows o JOIN movements mv ON mv.id = o.movement_id WHERE mv.status <> 'draft')
    OR EXISTS (SELECT 1 FROM new_rows n JOIN movements mv ON mv.id = n.movement_id WHERE mv.status <> 'draft') THEN
    PERFORM catalogue_version_bump();
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER movement_phases_after_update AFTER UPDATE ON movement_phases
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION movement_phases_after_update();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION movement_phases_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows o JOIN movements mv ON mv.id = o.movement_id WHERE mv.status <> 'draft') THEN PERFORM catalogue_version_bump(); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER movement_phases_after_delete AFTER DELETE ON movement_phases
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION movement_phases_after_delete();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION movement_phases_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM catalogue_version_bump();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER movement_phases_after_truncate AFTER TRUNCATE ON movement_phases
  FOR EACH STATEMENT EXECUTE FUNCTION movement_phases_after_truncate();
