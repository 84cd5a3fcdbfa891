CREATE TABLE "consultations" (
	"id" serial PRIMARY KEY NOT NULL,
	"model_id" integer NOT NULL,
	"opened_by" integer,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"notified_at" timestamp with time zone,
	"summary" text DEFAULT '' NOT NULL,
	"outcome" varchar(16),
	"agree_count" integer,
	"disagree_count" integer,
	CONSTRAINT "consultations_outcome_check" CHECK ("consultations"."outcome" is null or "consultations"."outcome" in ('approved', 'returned', 'rejected')),
	CONSTRAINT "consultations_period_check" CHECK ("consultations"."closes_at" > "consultations"."opened_at")
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" serial PRIMARY KEY NOT NULL,
	"model_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"decision" varchar(16) NOT NULL,
	"province_code" varchar(2) NOT NULL,
	"commune_code" varchar(5),
	"field_code" varchar(32),
	"reason" text DEFAULT '' NOT NULL,
	"decided_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluations_decision_check" CHECK ("evaluations"."decision" in ('effective', 'ineffective')),
	CONSTRAINT "evaluations_reason_check" CHECK ("evaluations"."decision" = 'effective' or char_length("evaluations"."reason") > 0)
);
--> statement-breakpoint
CREATE TABLE "opinions" (
	"id" serial PRIMARY KEY NOT NULL,
	"consultation_id" integer NOT NULL,
	"author_name" text DEFAULT '' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"stance" varchar(8) NOT NULL,
	"body" text NOT NULL,
	"address_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_by" integer,
	CONSTRAINT "opinions_stance_check" CHECK ("opinions"."stance" in ('agree', 'disagree')),
	CONSTRAINT "opinions_body_length_check" CHECK (char_length("opinions"."body") between 1 and 2000)
);
--> statement-breakpoint
ALTER TABLE "models" DROP CONSTRAINT "models_status_check";--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "first_submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_commune_code_communes_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_field_code_fields_code_fk" FOREIGN KEY ("field_code") REFERENCES "public"."fields"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinions" ADD CONSTRAINT "opinions_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinions" ADD CONSTRAINT "opinions_hidden_by_users_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_one_open_idx" ON "consultations" USING btree ("model_id") WHERE outcome is null;--> statement-breakpoint
CREATE INDEX "consultations_model_idx" ON "consultations" USING btree ("model_id","id");--> statement-breakpoint
CREATE INDEX "consultations_unnotified_idx" ON "consultations" USING btree ("closes_at") WHERE notified_at is null and outcome is null;--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_model_year_idx" ON "evaluations" USING btree ("model_id","year");--> statement-breakpoint
CREATE INDEX "evaluations_province_year_idx" ON "evaluations" USING btree ("province_code","year","decision");--> statement-breakpoint
CREATE INDEX "opinions_consultation_idx" ON "opinions" USING btree ("consultation_id","id");--> statement-breakpoint
CREATE INDEX "opinions_address_idx" ON "opinions" USING btree ("address_key","created_at");--> statement-breakpoint
CREATE INDEX "models_province_first_submitted_idx" ON "models" USING btree ("province_code","first_submitted_at");--> statement-breakpoint
CREATE INDEX "models_province_recognised_year_idx" ON "models" USING btree ("province_code","recognised_year");--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_status_check" CHECK ("models"."status" in ('draft', 'submitted', 'consultation', 'returned', 'approved', 'rejected', 'withdrawn'));--> statement-breakpoint
-- A model counts as registered in the year it was first sent for review.
UPDATE "models" m SET "first_submitted_at" = coalesce(
  (SELECT min(h.created_at) FROM "status_history" h WHERE h.model_id = m.id AND h.action = 'submit'),
  m.submitted_at
) WHERE m.status <> 'draft' OR m.submitted_at IS NOT NULL;
