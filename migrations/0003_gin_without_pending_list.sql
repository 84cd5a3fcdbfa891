DROP INDEX "models_public_search_idx";--> statement-breakpoint
DROP INDEX "models_title_trgm_idx";--> statement-breakpoint
CREATE INDEX "models_public_search_idx" ON "models" USING gin ("search_vector") WITH (fastupdate=false) WHERE status = 'approved';--> statement-breakpoint
CREATE INDEX "models_title_trgm_idx" ON "models" USING gin (title_folded gin_trgm_ops) WITH (fastupdate=false);