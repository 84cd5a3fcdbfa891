CREATE TABLE "search_counts" (
	"query_id" integer NOT NULL,
	"kind" smallint NOT NULL,
	"movement_id" integer DEFAULT 0 NOT NULL,
	"province_code" varchar(2) NOT NULL,
	"commune_code" varchar(5) DEFAULT '' NOT NULL,
	"former_commune_code" varchar(5) DEFAULT '' NOT NULL,
	"field_code" varchar(32) NOT NULL,
	"type" varchar(16) DEFAULT '' NOT NULL,
	"year" smallint DEFAULT 0 NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"title_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "search_counts_pk" PRIMARY KEY("query_id","kind","movement_id","province_code","commune_code","former_commune_code","field_code","type","year")
);
--> statement-breakpoint
CREATE TABLE "search_queries" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"tsq" "tsquery",
	"title_tsq" "tsquery",
	"used_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "search_queries_key_unique" UNIQUE("key")
);
--> statement-breakpoint
DROP INDEX "models_public_province_idx";--> statement-breakpoint
DROP INDEX "models_public_field_idx";--> statement-breakpoint
ALTER TABLE "search_counts" ADD CONSTRAINT "search_counts_query_id_search_queries_id_fk" FOREIGN KEY ("query_id") REFERENCES "public"."search_queries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_queries_used_idx" ON "search_queries" USING btree ("used_at");--> statement-breakpoint
CREATE INDEX "models_public_province_newest_idx" ON "models" USING btree ("province_code","published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE status = 'approved';--> statement-breakpoint
CREATE INDEX "models_public_title_idx" ON "models" USING btree ("title_folded","id") WHERE status = 'approved';--> statement-breakpoint
CREATE INDEX "models_public_title_search_idx" ON "models" USING gin (to_tsvector('simple'::regconfig, title_folded)) WITH (fastupdate=false) WHERE status = 'approved';--> statement-breakpoint
CREATE INDEX "models_public_province_idx" ON "models" USING btree ("province_code","field_code","published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE status = 'approved';--> statement-breakpoint
CREATE INDEX "models_public_field_idx" ON "models" USING btree ("field_code","published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE status = 'approved';