// The one Drizzle schema of the whole product, in parts by subject; drizzle-kit reads it from here.
export * from './schema/reference.js';
export * from './schema/accounts.js';
export * from './schema/movements.js';
export * from './schema/models.js';
export * from './schema/commendations.js';
export * from './schema/activity.js';
export * from './schema/counts.js';
export * from './schema/consultations.js';
export * from './schema/imports.js';
