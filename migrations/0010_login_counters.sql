CREATE TABLE "login_counters" (
	"username" text NOT NULL,
	"address" text NOT NULL,
	"hits" integer NOT NULL,
	"window_ends" timestamp with time zone NOT NULL,
	CONSTRAINT "login_counters_username_address_pk" PRIMARY KEY("username","address")
);
--> statement-breakpoint
CREATE INDEX "login_counters_window_ends" ON "login_counters" USING btree ("window_ends");--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "failed_logins";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "locked_until";