import type { Config } from '../config/config.js';
import { LocalDiskStore, type FileStore } from './storage.js';

/** The configured evidence storage; the S3 SDK is loaded only when the bucket is chosen. */
export async function openFileStore(config: Pick<Config, 'files' | 'uploadDir'>): Promise<FileStore> {
  if (config.files.kind === 's3') {
    const { S3Store } = await import('./s3-store.js');
    return new S3Store(config.files, config.uploadDir);
  }
  return new LocalDiskStore(config.uploadDir);
}
