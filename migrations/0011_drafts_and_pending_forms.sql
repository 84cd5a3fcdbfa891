CREATE TABLE "pending_forms" (
	"token_hash" varchar(64) PRIMARY KEY NOT NULL,
	"user_id" integer,
	"page" text NOT NULL,
	"fields" jsonb NOT NULL,
	"address" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "models" ALTER COLUMN "field_code" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "models" ALTER COLUMN "started_year" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "models" ALTER COLUMN "summary" SET DEFAULT '';--> statement-breakpoint
ALTER TABLE "models" ALTER COLUMN "holder_name" SET DEFAULT '';--> statement-breakpoint
ALTER TABLE "pending_forms" ADD CONSTRAINT "pending_forms_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pending_forms_expires_idx" ON "pending_forms" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "pending_forms_address_idx" ON "pending_forms" USING btree ("address");--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_complete_check" CHECK ("models"."status" in ('draft', 'returned') or ("models"."field_code" is not null and "models"."started_year" is not null));