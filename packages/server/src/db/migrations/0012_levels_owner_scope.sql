DROP INDEX "frameworks_program_year_group_key";--> statement-breakpoint
DROP INDEX "cycles_program_year_key";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "scope_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "group_sets" ADD COLUMN "owner_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "frameworks" ADD COLUMN "owner_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "cycles" ADD COLUMN "owner_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_scope_unit_id_units_id_fk" FOREIGN KEY ("scope_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_sets" ADD CONSTRAINT "group_sets_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frameworks" ADD CONSTRAINT "frameworks_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycles" ADD CONSTRAINT "cycles_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cycles_owner_idx" ON "cycles" USING btree ("owner_unit_id");--> statement-breakpoint
ALTER TABLE "frameworks" ADD CONSTRAINT "frameworks_owner_program_year_group_key" UNIQUE NULLS NOT DISTINCT("owner_unit_id","program_code","year","group_label");--> statement-breakpoint
ALTER TABLE "cycles" ADD CONSTRAINT "cycles_owner_program_year_name_key" UNIQUE NULLS NOT DISTINCT("owner_unit_id","program_code","year","name");