import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, serial, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { users } from './accounts.js';
import { models } from './models.js';

/** Audit of every transition and every edit after submission. */
export const statusHistory = pgTable(
  'status_history',
  {
    id: serial('id').primaryKey(),
    modelId: integer('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id').references(() => users.id),
    action: varchar('action', { length: 24 }).notNull(),
    fromStatus: varchar('from_status', { length: 16 }),
    toStatus: varchar('to_status', { length: 16 }).notNull(),
    comment: text('comment').notNull().default(''),
    changes: jsonb('changes'),
    version: integer('version').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('status_history_model_idx').on(t.modelId, t.id)],
);

export const evidenceFiles = pgTable(
  'evidence_files',
  {
    id: serial('id').primaryKey(),
    modelId: integer('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    storageKey: varchar('storage_key', { length: 128 }).notNull().unique(),
    thumbnailKey: varchar('thumbnail_key', { length: 128 }),
    // Images: a re-encoded copy without EXIF (GPS included); the only full-size image the public gets.
    displayKey: varchar('display_key', { length: 128 }),
    originalName: text('original_name').notNull(),
    mimeType: varchar('mime_type', { length: 128 }).notNull(),
    kind: varchar('kind', { length: 16 }).notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    width: integer('width'),
    height: integer('height'),
    caption: text('caption').notNull().default(''),
    position: integer('position').notNull().default(0),
    isPublic: boolean('is_public').notNull().default(true),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('evidence_files_kind_check', sql`${t.kind} in ('image', 'document', 'video')`),
    index('evidence_files_model_idx').on(t.modelId, t.position),
  ],
);

export const notifications = pgTable(
  'notifications',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    modelId: integer('model_id').references(() => models.id, { onDelete: 'cascade' }),
    kind: varchar('kind', { length: 24 }).notNull(),
    message: text('message').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt)],
);
