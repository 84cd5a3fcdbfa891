CREATE TABLE "import_jobs" (
	"id" serial PRIMARY KEY NOT NULL,
	"created_by" integer,
	"province_code" varchar(2),
	"file_name" text NOT NULL,
	"storage_path" text NOT NULL,
	"format" varchar(8) NOT NULL,
	"mode" varchar(8) NOT NULL,
	"target_status" varchar(16) DEFAULT 'approved' NOT NULL,
	"state" varchar(16) DEFAULT 'queued' NOT NULL,
	"total_rows" integer,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"summary" jsonb,
	"failure" text,
	"heartbeat_at" timestamp with time zone,
	"dry_run_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "import_jobs_state_check" CHECK ("import_jobs"."state" in ('queued', 'running', 'done', 'failed')),
	CONSTRAINT "import_jobs_mode_check" CHECK ("import_jobs"."mode" in ('dry_run', 'import')),
	CONSTRAINT "import_jobs_format_check" CHECK ("import_jobs"."format" in ('xlsx', 'csv')),
	CONSTRAINT "import_jobs_target_check" CHECK ("import_jobs"."target_status" in ('approved', 'submitted'))
);
--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "external_ref" text;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_jobs_creator_idx" ON "import_jobs" USING btree ("created_by","id");--> statement-breakpoint
CREATE INDEX "import_jobs_active_idx" ON "import_jobs" USING btree ("state") WHERE state in ('queued', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "models_province_external_ref_idx" ON "models" USING btree ("province_code","external_ref") WHERE external_ref is not null;