import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { publicDir } from '../paths.js';

const versions = new Map<string, string>();

/** A URL for a file under public/ that changes with its content, so it can be cached for a year. */
export function assetUrl(file: string): string {
  let v = versions.get(file);
  if (!v) {
    v = createHash('sha256')
      .update(fs.readFileSync(path.join(publicDir, file)))
      .digest('hex')
      .slice(0, 10);
    versions.set(file, v);
  }
  return `/static/${file}?v=${v}`;
}
