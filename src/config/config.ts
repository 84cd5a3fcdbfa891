import Joi from 'joi';
import os from 'node:os';
import path from 'node:path';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.js';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  uploadDir: string;
  seedDemo: boolean;
  publicBaseUrl: string | null;
  logLevel: string;
  /** Log lines for a person (pretty) or for a machine (json); auto: pretty only on a terminal. */
  logFormat: 'auto' | 'json' | 'pretty';
  /** Host header values (name, or name:port) answered when no PUBLIC_BASE_URL is set; lower case. */
  allowedHosts: string[];
  /** The reverse proxies in front: none, a hop count, or their addresses (Express 'trust proxy'). */
  trustProxy: TrustProxy;
  sessionSecret: string | null;
  uploads: UploadLimits;
  /** Limits on every statement the running app sends (ms): how long it runs, how long it waits for a lock. */
  database: { statementTimeoutMs: number; lockTimeoutMs: number };
  openData: OpenDataSettings;
  /** Where evidence bytes live: the local disk under uploadDir, or an S3-compatible bucket. */
  files: FileStoreConfig;
}

type FileStoreConfig = { kind: 'local' } | ({ kind: 's3' } & S3Settings);

export interface S3Settings {
  /** null: AWS itself, from the region. */
  endpoint: string | null;
  region: string;
  bucket: string;
  /** null: the SDK's own credential chain (instance role, AWS_* variables, shared files). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  /** bucket in the path (MinIO, Ceph and most providers) instead of in the host name. */
  forcePathStyle: boolean;
}

/** The licence the public catalogue is published under, and how many exports one address may make. */
export interface OpenDataSettings {
  licenceName: string;
  licenceUrl: string;
  /** CSV and XLSX exports one anonymous address may make per hour; signed-in staff are not limited. */
  exportsPerHour: number;
}

/** Evidence file limits, in bytes and pixels; shown on the upload form. */
export interface UploadLimits {
  maxDocumentBytes: number;
  maxVideoBytes: number;
  maxFilesPerEntry: number;
  maxEntryBytes: number;
  maxImagePixels: number;
  /** The qpdf program that PDFs are checked with (a name on PATH or a full path). */
  qpdfPath: string;
}

/** Thrown with a single human line so start-up can print it and exit. */
export class ConfigError extends Error {}

const schema = Joi.object({
  DB_STATEMENT_TIMEOUT_MS: Joi.number()
    .integer()
    .min(100)
    .max(600000)
    .default(15000)
    .messages({ '*': 'DB_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds between 100 and 600000' }),
  DB_LOCK_TIMEOUT_MS: Joi.number()
    .integer()
    .min(100)
    .max(600000)
    .default(5000)
    .messages({ '*': 'DB_LOCK_TIMEOUT_MS must be a whole number of milliseconds between 100 and 600000' }),
  PORT: Joi.number()
    .integer()
    .min(0)
    .max(65535)
    .default(3000)
    .messages({ '*': 'PORT must be a port number between 0 and 65535' }),
  HOST: Joi.string().default('0.0.0.0'),
  DATABASE_URL: Joi.string()
    .uri({ scheme: ['postgres', 'postgresql'] })
    .empty('')
    .messages({
      '*': 'DATABASE_URL must be a postgres:// or postgresql:// URL (leave it unset for the embedded database)',
    }),
  DATA_DIR: Joi.string().default('./data'),
  UPLOAD_DIR: Joi.string().default('./uploads'),
  SEED_DEMO: Joi.boolean()
    .truthy('1', 'yes', 'on')
    .falsy('0', 'no', 'off')
    .empty('')
    .messages({ '*': 'SEED_DEMO must be true or false' }),
  PUBLIC_BASE_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .empty('')
    .messages({ '*': 'PUBLIC_BASE_URL must be an http(s) URL such as https://dvk.example.vn' }),
  LOG_LEVEL: Joi.string()
    .valid('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent')
    .default('info')
    .messages({ '*': 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent' }),
  LOG_FORMAT: Joi.string()
    .valid('auto', 'json', 'pretty')
    .empty('')
    .default('auto')
    .messages({ '*': 'LOG_FORMAT must be auto, json or pretty' }),
  ALLOWED_HOSTS: Joi.string()
    .pattern(/^\s*[A-Za-z0-9.[\]:-]+\s*(,\s*[A-Za-z0-9.[\]:-]+\s*)*$/)
    .empty('')
    .messages({ '*': 'ALLOWED_HOSTS must be a comma-separated list of host names, e.g. localhost,dvk.lan:3000' }),
  TRUST_PROXY: Joi.string().allow('').default(''),
  SESSION_SECRET: Joi.string().min(32).empty('').messages({
    '*': 'SESSION_SECRET must be at least 32 characters (leave it unset to have one generated and kept in the database)',
  }),
  UPLOAD_MAX_DOCUMENT_MB: Joi.number()
    .positive()
    .max(2048)
    .default(20)
    .messages({ '*': 'UPLOAD_MAX_DOCUMENT_MB must be a positive number of megabytes' }),
  UPLOAD_MAX_VIDEO_MB: Joi.number()
    .positive()
    .max(8192)
    .default(200)
    .messages({ '*': 'UPLOAD_MAX_VIDEO_MB must be a positive number of megabytes' }),
  UPLOAD_MAX_FILES: Joi.number()
    .integer()
    .min(1)
    .max(500)
    .default(20)
    .messages({ '*': 'UPLOAD_MAX_FILES must be a whole number from 1 to 500' }),
  UPLOAD_MAX_ENTRY_MB: Joi.number()
    .positive()
    .max(65536)
    .default(500)
    .messages({ '*': 'UPLOAD_MAX_ENTRY_MB must be a positive number of megabytes' }),
  UPLOAD_MAX_IMAGE_PIXELS: Joi.number()
    .integer()
    .min(1)
    .max(1_000_000_000)
    .default(50_000_000)
    .messages({ '*': 'UPLOAD_MAX_IMAGE_PIXELS must be a whole number of pixels' }),
  QPDF_PATH: Joi.string().default('qpdf'),
  DATA_LICENCE_NAME: Joi.string().trim().max(200).empty('').default('CC BY 4.0'),
  DATA_LICENCE_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .empty('')
    .default('https://creativecommons.org/licenses/by/4.0/')
    .messages({ '*': 'DATA_LICENCE_URL must be an http(s) URL of the licence text' }),
  EXPORTS_PER_HOUR: Joi.number()
    .integer()
    .min(1)
    .max(100000)
    .default(30)
    .messages({ '*': 'EXPORTS_PER_HOUR must be a whole number from 1 to 100000' }),
  FILE_STORE: Joi.string()
    .valid('local', 's3')
    .empty('')
    .default('local')
    .messages({ '*': 'FILE_STORE must be local or s3' }),
  S3_ENDPOINT: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .empty('')
    .messages({ '*': 'S3_ENDPOINT must be an http(s) URL such as https://s3.example.vn (leave it unset for AWS)' }),
  S3_REGION: Joi.string()
    .pattern(/^[a-z0-9-]{1,40}$/)
    .empty('')
    .default('us-east-1')
    .messages({ '*': 'S3_REGION must be a region name such as us-east-1 or hn-1' }),
  // The S3 naming rules: what every provider accepts.
  S3_BUCKET: Joi.string()
    .pattern(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)
    .empty('')
    .messages({ '*': 'S3_BUCKET must be a bucket name: 3–63 lower-case letters, digits, dots or hyphens' }),
  S3_ACCESS_KEY_ID: Joi.string()
    .max(256)
    .empty('')
    .messages({ '*': 'S3_ACCESS_KEY_ID must be at most 256 characters' }),
  // The value is never repeated in a message.
  S3_SECRET_ACCESS_KEY: Joi.string()
    .max(256)
    .empty('')
    .messages({ '*': 'S3_SECRET_ACCESS_KEY must be at most 256 characters' }),
  S3_FORCE_PATH_STYLE: Joi.boolean()
    .truthy('1', 'yes', 'on')
    .falsy('0', 'no', 'off')
    .empty('')
    .default(true)
    .messages({ '*': 'S3_FORCE_PATH_STYLE must be true or false' }),
}).unknown(true);

const MB = 1024 * 1024;

/**
 * `serves`: the configuration of the web server. Scripts (backup, files:check…) build no links, so
 * they do not need PUBLIC_BASE_URL.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, { serves = true } = {}): Config {
  const { value, error } = schema.validate(env, { abortEarly: true, convert: true });
  if (error) {
    const key = String(error.details[0]?.path[0] ?? 'configuration');
    const message = error.details[0]?.message ?? error.message;
    throw new ConfigError(`Invalid configuration: ${key}: ${message.replace(/^"[^"]*" /, '')}`);
  }
  const databaseUrl: string | null = value.DATABASE_URL ?? null;
  const trustProxy = parseTrustProxy(value.TRUST_PROXY);
  if (typeof trustProxy === 'string') throw new ConfigError(`Invalid configuration: TRUST_PROXY: ${trustProxy}`);
  // A server is production: its absolute links must never come from a request's Host header.
  if (serves && databaseUrl && !value.PUBLIC_BASE_URL)
    throw new ConfigError(
      'Invalid configuration: PUBLIC_BASE_URL: PUBLIC_BASE_URL is required with DATABASE_URL (the https:// address people use, e.g. https://dvk.example.vn)',
    );
  const files = fileStoreConfig(value);
  return {
    port: value.PORT,
    host: value.HOST,
    databaseUrl,
    dataDir: path.resolve(value.DATA_DIR),
    uploadDir: path.resolve(value.UPLOAD_DIR),
    // Demo data on by default only for the embedded database: a real server is production.
    seedDemo: value.SEED_DEMO ?? databaseUrl === null,
    publicBaseUrl: value.PUBLIC_BASE_URL ? String(value.PUBLIC_BASE_URL).replace(/\/$/, '') : null,
    logLevel: value.LOG_LEVEL,
    logFormat: value.LOG_FORMAT,
    allowedHosts: value.ALLOWED_HOSTS
      ? String(value.ALLOWED_HOSTS)
          .split(',')
          .map((h) => h.trim().toLowerCase())
      : ['localhost', '127.0.0.1', '[::1]', os.hostname().toLowerCase()],
    trustProxy,
    sessionSecret: value.SESSION_SECRET ?? null,
    uploads: {
      maxDocumentBytes: Math.floor(value.UPLOAD_MAX_DOCUMENT_MB * MB),
      maxVideoBytes: Math.floor(value.UPLOAD_MAX_VIDEO_MB * MB),
      maxFilesPerEntry: value.UPLOAD_MAX_FILES,
      maxEntryBytes: Math.floor(value.UPLOAD_MAX_ENTRY_MB * MB),
      maxImagePixels: value.UPLOAD_MAX_IMAGE_PIXELS,
      qpdfPath: value.QPDF_PATH,
    },
    database: { statementTimeoutMs: value.DB_STATEMENT_TIMEOUT_MS, lockTimeoutMs: value.DB_LOCK_TIMEOUT_MS },
    openData: {
      licenceName: value.DATA_LICENCE_NAME,
      licenceUrl: value.DATA_LICENCE_URL,
      exportsPerHour: value.EXPORTS_PER_HOUR,
    },
    files,
  };
}

function fileStoreConfig(value: Record<string, unknown>): FileStoreConfig {
  if (value.FILE_STORE !== 's3') return { kind: 'local' };
  if (!value.S3_BUCKET)
    throw new ConfigError('Invalid configuration: S3_BUCKET: S3_BUCKET is required with FILE_STORE=s3');
  const id = value.S3_ACCESS_KEY_ID as string | undefined;
  const secret = value.S3_SECRET_ACCESS_KEY as string | undefined;
  if (!id !== !secret)
    throw new ConfigError(
      'Invalid configuration: S3_ACCESS_KEY_ID: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are set together (or both left unset for the SDK credential chain)',
    );
  return {
    kind: 's3',
    endpoint: (value.S3_ENDPOINT as string | undefined) ?? null,
    region: value.S3_REGION as string,
    bucket: value.S3_BUCKET as string,
    credentials: id && secret ? { accessKeyId: id, secretAccessKey: secret } : null,
    forcePathStyle: value.S3_FORCE_PATH_STYLE as boolean,
  };
}
