import fs from 'node:fs';
import path from 'node:path';

/** Every file under the upload folder, relative, so tests can say exactly what was added or removed. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((p) => fs.statSync(path.join(dir, p)).isFile()).sort();
}
