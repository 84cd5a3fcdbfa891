CREATE TABLE "commendations" (
	"id" serial PRIMARY KEY NOT NULL,
	"model_id" integer NOT NULL,
	"form" varchar(24) NOT NULL,
	"issuing_body" text NOT NULL,
	"level" varchar(16) NOT NULL,
	"decision_number" text,
	"decision_date" date,
	"note" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commendations_form_check" CHECK ("commendations"."form" in ('bang_khen', 'giay_khen', 'bieu_duong', 'other')),
	CONSTRAINT "commendations_level_check" CHECK ("commendations"."level" in ('commune', 'province', 'central'))
);
--> statement-breakpoint
CREATE TABLE "communes" (
	"code" varchar(5) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"full_name" text NOT NULL,
	"type" varchar(16) NOT NULL,
	"province_code" varchar(2) NOT NULL,
	"name_folded" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"model_id" integer NOT NULL,
	"storage_key" varchar(128) NOT NULL,
	"thumbnail_key" varchar(128),
	"original_name" text NOT NULL,
	"mime_type" varchar(128) NOT NULL,
	"kind" varchar(16) NOT NULL,
	"size_bytes" integer NOT NULL,
	"width" integer,
	"height" integer,
	"caption" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"is_public" boolean DEFAULT true NOT NULL,
	"uploaded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_files_storage_key_unique" UNIQUE("storage_key"),
	CONSTRAINT "evidence_files_kind_check" CHECK ("evidence_files"."kind" in ('image', 'document', 'video'))
);
--> statement-breakpoint
CREATE TABLE "fields" (
	"code" varchar(32) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "former_commune_successors" (
	"former_code" varchar(5) NOT NULL,
	"commune_code" varchar(5) NOT NULL,
	"relation" varchar(40) NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "former_commune_successors_former_code_commune_code_pk" PRIMARY KEY("former_code","commune_code")
);
--> statement-breakpoint
CREATE TABLE "former_communes" (
	"code" varchar(5) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"full_name" text NOT NULL,
	"type" varchar(16) NOT NULL,
	"former_district_name" text NOT NULL,
	"former_province_code" varchar(2) NOT NULL,
	"merge_type" varchar(24) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "former_provinces" (
	"code" varchar(2) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"full_name" text NOT NULL,
	"merged_into_province_code" varchar(2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_kinds" (
	"code" varchar(32) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"position" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_indicators" (
	"id" serial PRIMARY KEY NOT NULL,
	"model_id" integer NOT NULL,
	"kind_code" varchar(32),
	"name" text NOT NULL,
	"value" numeric(16, 2) NOT NULL,
	"unit" text NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_movements" (
	"model_id" integer NOT NULL,
	"movement_id" integer NOT NULL,
	CONSTRAINT "model_movements_model_id_movement_id_pk" PRIMARY KEY("model_id","movement_id")
);
--> statement-breakpoint
CREATE TABLE "models" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" varchar(120) NOT NULL,
	"type" varchar(16) NOT NULL,
	"title" text NOT NULL,
	"field_code" varchar(32) NOT NULL,
	"province_code" varchar(2) NOT NULL,
	"former_province_code" varchar(2),
	"commune_code" varchar(5),
	"former_commune_code" varchar(5),
	"started_year" smallint NOT NULL,
	"recognised_year" smallint,
	"summary" text NOT NULL,
	"situation" text DEFAULT '' NOT NULL,
	"goals" text DEFAULT '' NOT NULL,
	"beneficiaries" text DEFAULT '' NOT NULL,
	"activities" text DEFAULT '' NOT NULL,
	"lead_bodies" text DEFAULT '' NOT NULL,
	"partner_bodies" text DEFAULT '' NOT NULL,
	"resources_money_million" numeric(14, 2),
	"resources_work_days" integer,
	"resources_non_state" text DEFAULT '' NOT NULL,
	"results" text DEFAULT '' NOT NULL,
	"sustainability" text DEFAULT '' NOT NULL,
	"holder_name" text NOT NULL,
	"holder_role" text DEFAULT '' NOT NULL,
	"publish_consent" boolean DEFAULT false NOT NULL,
	"consent_recorded_at" timestamp with time zone,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"contact_email" text DEFAULT '' NOT NULL,
	"status" varchar(16) DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"title_folded" text NOT NULL,
	"search_folded" text NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, title_folded), 'A') || setweight(to_tsvector('simple'::regconfig, search_folded), 'B')) STORED,
	CONSTRAINT "models_slug_unique" UNIQUE("slug"),
	CONSTRAINT "models_type_check" CHECK ("models"."type" in ('collective', 'individual')),
	CONSTRAINT "models_status_check" CHECK ("models"."status" in ('draft', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn')),
	CONSTRAINT "models_years_check" CHECK ("models"."started_year" between 1945 and 2100),
	CONSTRAINT "models_approved_year_check" CHECK ("models"."status" <> 'approved' or "models"."recognised_year" is not null)
);
--> statement-breakpoint
CREATE TABLE "movements" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" varchar(64) NOT NULL,
	"name" text NOT NULL,
	"level" varchar(16) NOT NULL,
	"issuing_body" text NOT NULL,
	"document_number" text,
	"document_date" date,
	"start_year" smallint NOT NULL,
	"end_year" smallint,
	"description" text DEFAULT '' NOT NULL,
	"province_code" varchar(2),
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "movements_code_unique" UNIQUE("code"),
	CONSTRAINT "movements_level_check" CHECK ("movements"."level" in ('central', 'province', 'commune'))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"model_id" integer,
	"kind" varchar(24) NOT NULL,
	"message" text NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "password_tokens" (
	"token_hash" varchar(64) PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provinces" (
	"code" varchar(2) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"full_name" text NOT NULL,
	"type" varchar(16) NOT NULL,
	"name_folded" text NOT NULL,
	"reviewing_body_name" text DEFAULT 'Ban Dân vận Tỉnh ủy' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_counts" (
	"province_code" varchar(2) NOT NULL,
	"field_code" varchar(32) NOT NULL,
	"type" varchar(16) NOT NULL,
	"year" smallint NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "public_counts_province_code_field_code_type_year_pk" PRIMARY KEY("province_code","field_code","type","year")
);
--> statement-breakpoint
CREATE TABLE "recognitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"model_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"level" varchar(16) NOT NULL,
	"grade" varchar(8) NOT NULL,
	"decision_number" text,
	"decision_date" date,
	"recognised_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recognitions_level_check" CHECK ("recognitions"."level" in ('commune', 'province', 'central')),
	CONSTRAINT "recognitions_grade_check" CHECK ("recognitions"."grade" in ('tot', 'kha'))
);
--> statement-breakpoint
CREATE TABLE "replications" (
	"source_model_id" integer NOT NULL,
	"replica_model_id" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "replications_source_model_id_replica_model_id_pk" PRIMARY KEY("source_model_id","replica_model_id"),
	CONSTRAINT "replications_distinct_check" CHECK ("replications"."source_model_id" <> "replications"."replica_model_id")
);
--> statement-breakpoint
CREATE TABLE "session" (
	"sid" varchar PRIMARY KEY NOT NULL,
	"sess" jsonb NOT NULL,
	"expire" timestamp (6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"model_id" integer NOT NULL,
	"actor_id" integer,
	"action" varchar(24) NOT NULL,
	"from_status" varchar(16),
	"to_status" varchar(16) NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"changes" jsonb,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" varchar(64) NOT NULL,
	"password_hash" text,
	"display_name" text NOT NULL,
	"role" varchar(24) NOT NULL,
	"province_code" varchar(2),
	"commune_code" varchar(5),
	"disabled" boolean DEFAULT false NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"password_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('commune_cadre', 'province_reviewer', 'province_admin', 'central_admin')),
	CONSTRAINT "users_scope_check" CHECK (("users"."role" = 'central_admin') or ("users"."province_code" is not null)),
	CONSTRAINT "users_commune_scope_check" CHECK (("users"."role" <> 'commune_cadre') or ("users"."commune_code" is not null))
);
--> statement-breakpoint
ALTER TABLE "commendations" ADD CONSTRAINT "commendations_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendations" ADD CONSTRAINT "commendations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communes" ADD CONSTRAINT "communes_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "former_commune_successors" ADD CONSTRAINT "former_commune_successors_former_code_former_communes_code_fk" FOREIGN KEY ("former_code") REFERENCES "public"."former_communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "former_commune_successors" ADD CONSTRAINT "former_commune_successors_commune_code_communes_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "former_communes" ADD CONSTRAINT "former_communes_former_province_code_former_provinces_code_fk" FOREIGN KEY ("former_province_code") REFERENCES "public"."former_provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "former_provinces" ADD CONSTRAINT "former_provinces_merged_into_province_code_provinces_code_fk" FOREIGN KEY ("merged_into_province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_indicators" ADD CONSTRAINT "model_indicators_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_indicators" ADD CONSTRAINT "model_indicators_kind_code_indicator_kinds_code_fk" FOREIGN KEY ("kind_code") REFERENCES "public"."indicator_kinds"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_movements" ADD CONSTRAINT "model_movements_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_movements" ADD CONSTRAINT "model_movements_movement_id_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_field_code_fields_code_fk" FOREIGN KEY ("field_code") REFERENCES "public"."fields"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_former_province_code_former_provinces_code_fk" FOREIGN KEY ("former_province_code") REFERENCES "public"."former_provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_commune_code_communes_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_former_commune_code_former_communes_code_fk" FOREIGN KEY ("former_commune_code") REFERENCES "public"."former_communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "movements" ADD CONSTRAINT "movements_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_tokens" ADD CONSTRAINT "password_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_recognised_by_users_id_fk" FOREIGN KEY ("recognised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replications" ADD CONSTRAINT "replications_source_model_id_models_id_fk" FOREIGN KEY ("source_model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replications" ADD CONSTRAINT "replications_replica_model_id_models_id_fk" FOREIGN KEY ("replica_model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replications" ADD CONSTRAINT "replications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_history" ADD CONSTRAINT "status_history_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_history" ADD CONSTRAINT "status_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_commune_code_communes_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commendations_model_idx" ON "commendations" USING btree ("model_id");--> statement-breakpoint
CREATE INDEX "communes_province_idx" ON "communes" USING btree ("province_code","name");--> statement-breakpoint
CREATE INDEX "evidence_files_model_idx" ON "evidence_files" USING btree ("model_id","position");--> statement-breakpoint
CREATE INDEX "former_commune_successors_commune_idx" ON "former_commune_successors" USING btree ("commune_code");--> statement-breakpoint
CREATE INDEX "former_communes_province_idx" ON "former_communes" USING btree ("former_province_code");--> statement-breakpoint
CREATE INDEX "former_provinces_merged_idx" ON "former_provinces" USING btree ("merged_into_province_code");--> statement-breakpoint
CREATE INDEX "model_indicators_model_idx" ON "model_indicators" USING btree ("model_id");--> statement-breakpoint
CREATE INDEX "model_indicators_kind_idx" ON "model_indicators" USING btree ("kind_code");--> statement-breakpoint
CREATE INDEX "model_movements_movement_idx" ON "model_movements" USING btree ("movement_id","model_id");--> statement-breakpoint
CREATE INDEX "models_public_newest_idx" ON "models" USING btree ("published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE status = 'approved';--> statement-breakpoint
CREATE INDEX "models_public_province_idx" ON "models" USING btree ("province_code","field_code","published_at" DESC NULLS LAST) WHERE status = 'approved';--> statement-breakpoint
CREATE INDEX "models_public_field_idx" ON "models" USING btree ("field_code","published_at" DESC NULLS LAST) WHERE status = 'approved';--> statement-breakpoint
CREATE INDEX "models_public_year_idx" ON "models" USING btree ("recognised_year","id") WHERE status = 'approved';--> statement-breakpoint
CREATE INDEX "models_public_commune_idx" ON "models" USING btree ("commune_code") WHERE status = 'approved';--> statement-breakpoint
CREATE INDEX "models_public_former_commune_idx" ON "models" USING btree ("former_commune_code") WHERE status = 'approved' and former_commune_code is not null;--> statement-breakpoint
CREATE INDEX "models_public_search_idx" ON "models" USING gin ("search_vector") WHERE status = 'approved';--> statement-breakpoint
CREATE INDEX "models_title_trgm_idx" ON "models" USING gin (title_folded gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "models_province_status_idx" ON "models" USING btree ("province_code","status","submitted_at");--> statement-breakpoint
CREATE INDEX "models_commune_status_idx" ON "models" USING btree ("commune_code","status");--> statement-breakpoint
CREATE INDEX "models_former_commune_status_idx" ON "models" USING btree ("former_commune_code","status");--> statement-breakpoint
CREATE INDEX "models_created_by_idx" ON "models" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","read_at");--> statement-breakpoint
CREATE UNIQUE INDEX "recognitions_model_year_level_idx" ON "recognitions" USING btree ("model_id","year","level");--> statement-breakpoint
CREATE INDEX "recognitions_year_idx" ON "recognitions" USING btree ("year");--> statement-breakpoint
CREATE INDEX "replications_replica_idx" ON "replications" USING btree ("replica_model_id");--> statement-breakpoint
CREATE INDEX "IDX_session_expire" ON "session" USING btree ("expire");--> statement-breakpoint
CREATE INDEX "status_history_model_idx" ON "status_history" USING btree ("model_id","id");