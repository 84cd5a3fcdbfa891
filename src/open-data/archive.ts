// The ZIP of the whole public catalogue, built into a file under DATA_DIR and served from it. It is rebuilt only
// when what it holds changes: its name carries the catalogue version (and the recognitions' mark, which that
// version does not follow). A build writes a temporary file and renames it into place, so a reader never sees
// half a file; requests arriving during a build share it, and instances sharing DATA_DIR at worst build the
// same file twice, one rename replacing the other.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import yazl from 'yazl';
import { queryRows, type Executor } from '../db/client.js';
import type { OpenDataSettings } from '../config/config.js';
import { writeCsv } from '../listing/export-writers.js';
import { OPEN_DATA_TABLES, recognitionsMark } from './tables.js';
import { licenceText, readmeText } from './readme.js';

export interface ArchiveFile {
  path: string;
  size: number;
  etag: string;
  builtAt: Date;
}

const PREFIX = 'danh-muc-';
const SETTING = 'open_data_archive_id';

/** A name of this database's archives, so that databases sharing a DATA_DIR (tests) never share a file. */
async function archiveId(db: Executor): Promise<string> {
  await db.execute(sql`insert into app_settings (key, value) values (${SETTING}, ${randomBytes(6).toString('hex')})
    on conflict (key) do nothing`);
  const [row] = await queryRows<{ value: string }>(db, sql`select value from app_settings where key = ${SETTING}`);
  return row.value;
}

async function archiveKey(db: Executor, id: string): Promise<string> {
  // The same number as src/web/catalogue-version.ts reads, which capabilities do not import.
  const [[version], mark] = await Promise.all([
    queryRows<{ version: number | string }>(db, sql`select version from catalogue_version where id = 1`),
    recognitionsMark(db),
  ]);
  return `${id}-v${Number(version.version)}-r${mark}`;
}

async function build(db: Executor, file: string, o: { site: string; licence: OpenDataSettings }): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const zip = new yazl.ZipFile();
  const output = fs.createWriteStream(tmp);
  zip.outputStream.pipe(output);
  const builtAt = new Date();
  try {
    const counts: number[] = [];
    for (const table of OPEN_DATA_TABLES) {
      const entry = new PassThrough();
      zip.addReadStream(entry, table.file, { mtime: builtAt });
      counts.push(await writeCsv(entry, table.columns, table.rows(db, o.site)));
      entry.end();
    }
    zip.addBuffer(Buffer.from(readmeText({ counts, builtAt, ...o })), 'README.md', { mtime: builtAt });
    zip.addBuffer(Buffer.from(licenceText(o)), 'LICENSE', { mtime: builtAt });
    zip.end();
    await finished(output);
    await fs.promises.rename(tmp, file);
  } catch (err) {
    output.destroy();
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
}

/** Removes this database's other builds (and temporary files of failed ones) beside `keep`. */
async function removeOthers(dir: string, id: string, keep: string): Promise<void> {
  for (const name of await fs.promises.readdir(dir)) {
    if (name.startsWith(`${PREFIX}${id}-`) && name !== path.basename(keep))
      await fs.promises.rm(path.join(dir, name), { force: true });
  }
}

/** The archive of the catalogue as it is now, built on first need; one build per version per process. */
export class CatalogueArchive {
  private readonly builds = new Map<string, Promise<ArchiveFile>>();
  private id: Promise<string> | null = null;

  constructor(
    private readonly db: Executor,
    private readonly dir: string,
    private readonly licence: OpenDataSettings,
  ) {}

  async current(site: string): Promise<ArchiveFile> {
    this.id ??= archiveId(this.db).catch((err) => {
      this.id = null;
      throw err;
    });
    const id = await this.id;
    const key = await archiveKey(this.db, id);
    let pending = this.builds.get(key);
    if (!pending) {
      pending = this.ensure(id, key, site);
      this.builds.set(key, pending);
      pending.then(
        () => {
          // Keep only the latest: an older key is never asked for again.
          for (const k of this.builds.keys()) if (k !== key) this.builds.delete(k);
        },
        () => this.builds.delete(key),
      );
    }
    return pending;
  }

  private async ensure(id: string, key: string, site: string): Promise<ArchiveFile> {
    const file = path.join(this.dir, `${PREFIX}${key}.zip`);
    await fs.promises.mkdir(this.dir, { recursive: true });
    let stat = await fs.promises.stat(file).catch(() => null);
    if (!stat) {
      await build(this.db, file, { site, licence: this.licence });
      stat = await fs.promises.stat(file);
    }
    await removeOthers(this.dir, id, file);
    return { path: file, size: stat.size, etag: `"${key}"`, builtAt: stat.mtime };
  }
}
