// Evidence bytes in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, providers' object storage), so that
// several app instances serve the same files. Loaded only when FILE_STORE=s3 (src/evidence/file-store.ts).
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3Settings } from '../config/config.js';
import { Unavailable } from '../http/errors.js';
import { checkKey, isStorageKey, type ByteRange, type FileStore, type StoredObject } from './storage.js';

// One folder of the bucket, so that the bucket may hold other things (backups) beside the evidence.
const PREFIX = 'evidence/';
// Large files go up in parts of this size, two at a time: a bounded 16 MiB buffered per upload.
const PART_SIZE = 8 * 1024 * 1024;

const unreachable = (cause: unknown) =>
  Object.assign(
    new Unavailable(
      'Kho lưu trữ tệp của máy chủ tạm thời không ghi được. Không có tệp nào được lưu; hãy thử lại sau hoặc báo quản trị viên.',
      60,
    ),
    { cause },
  );

const unreadable = (cause: unknown) =>
  Object.assign(
    new Unavailable(
      'Kho lưu trữ tệp của máy chủ tạm thời không đọc được. Hãy thử lại sau ít phút hoặc báo quản trị viên.',
      30,
    ),
    { cause },
  );

const notFound = (err: unknown) => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
};

/** An object's ETag, which for a single-part upload is the MD5 of its bytes. */
export interface S3ObjectInfo extends StoredObject {
  etag: string;
}

export class S3Store implements FileStore {
  /** Uploads in progress still arrive on the local disk: multer and the checks need a file. */
  readonly tempDir: string;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(settings: S3Settings, uploadDir: string) {
    this.tempDir = path.join(uploadDir, '.tmp');
    fs.mkdirSync(this.tempDir, { recursive: true });
    this.bucket = settings.bucket;
    // A video being watched holds its connection to the store: the SDK's default of 50 would queue the 51st viewer.
    const agent = { keepAlive: true, maxSockets: 256 };
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint ?? undefined,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials ?? undefined,
      // Checksums only where S3 requires them: many S3-compatible stores refuse the newer trailing ones.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: {
        httpAgent: new http.Agent(agent),
        httpsAgent: new https.Agent(agent),
        connectionTimeout: 5000,
      },
    });
  }

  private objectKey(key: string): string {
    return PREFIX + checkKey(key);
  }

  /** Whether the bucket answers with these settings; the error names what is wrong, never the secret. */
  async check(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  /** Sends a local file under `key` and leaves the file where it is (the migration keeps its source). */
  async copyIn(key: string, localPath: string): Promise<void> {
    const objectKey = this.objectKey(key);
    try {
      await new Upload({
        client: this.client,
        params: { Bucket: this.bucket, Key: objectKey, Body: fs.createReadStream(localPath) },
        partSize: PART_SIZE,
        queueSize: 2,
      }).done();
    } catch (err) {
      throw unreachable(err);
    }
  }

  async put(key: string, localPath: string): Promise<void> {
    await this.copyIn(key, localPath);
    await fsp.rm(localPath, { force: true });
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const objectKey = this.objectKey(key);
    const out = await this.client
      .send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: objectKey,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      )
      .catch((err: unknown) => {
        throw notFound(err) ? err : unreadable(err);
      });
    const body = out.Body as Readable;
    // A store that answers another range than asked (s3rver does for bytes=0-0) would break the response's
    // Content-Length: better an error than wrong bytes.
    if (range && out.ContentLength !== range.end - range.start + 1) {
      body.destroy();
      throw new Error(`the object store answered ${out.ContentLength} bytes for range ${range.start}-${range.end}`);
    }
    return body;
  }

  async stat(key: string): Promise<S3ObjectInfo | null> {
    const objectKey = this.objectKey(key);
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      return {
        key,
        size: out.ContentLength ?? 0,
        modifiedAt: out.LastModified ?? new Date(0),
        etag: (out.ETag ?? '').replace(/"/g, ''),
      };
    } catch (err) {
      if (notFound(err)) return null;
      throw unreadable(err);
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  async *list(): AsyncIterable<StoredObject> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: PREFIX, ContinuationToken: token }),
      );
      for (const o of page.Contents ?? []) {
        const key = (o.Key ?? '').slice(PREFIX.length);
        // Anything else under the prefix was not written by the app: not its to report or remove.
        if (isStorageKey(key)) yield { key, size: o.Size ?? 0, modifiedAt: o.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  close(): void {
    this.client.destroy();
  }
}
