// One process at a time may open the embedded database: PGlite has no locking of its own, and two
// processes writing one data directory can leave it unable to open again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Who holds a lock: a pid alone is not enough, since pids are reused after a reboot or a wrap-around. */
export interface ProcessIdentity {
  pid: number;
  /** Kernel start time of the process (clock ticks since boot), or null where /proc is not available. */
  startTime: string | null;
  bootId: string | null;
  host: string;
}

interface LockContent extends ProcessIdentity {
  token: string;
  since: string;
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

/** Thrown when another live process holds the lock; its message is the one line to print. */
export class DataDirLocked extends Error {}

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

function startTimeOf(pid: number): string | null {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (!stat) return null;
  // Field 22; the command name (field 2) may hold spaces and parentheses, so count from its end.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}

export function processIdentity(pid: number = process.pid): ProcessIdentity {
  return {
    pid,
    startTime: startTimeOf(pid),
    bootId: readOrNull('/proc/sys/kernel/random/boot_id'),
    host: os.hostname(),
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the holder named in a lock file is certainly gone. */
function holderGone(holder: Partial<LockContent>): boolean {
  const here = processIdentity();
  // Another machine sharing the directory: it cannot be checked from here, so it is respected.
  if (holder.host !== here.host) return false;
  if (holder.bootId && here.bootId && holder.bootId !== here.bootId) return true;
  if (typeof holder.pid !== 'number' || !alive(holder.pid)) return true;
  const startTime = startTimeOf(holder.pid);
  return Boolean(holder.startTime && startTime && holder.startTime !== startTime);
}

function parse(text: string | null): Partial<LockContent> | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Partial<LockContent>) : {};
  } catch {
    // A lock written half-way by a process killed at that moment: its writer is gone.
    return {};
  }
}

function refusal(dataDir: string, holder: Partial<LockContent>): DataDirLocked {
  const since = holder.since ? `, từ ${holder.since}` : '';
  return new DataDirLocked(
    `Thư mục dữ liệu ${dataDir} đang được một tiến trình khác dùng (pid ${holder.pid ?? '?'}${since}): ` +
      'hãy dừng ứng dụng đó trước rồi chạy lại.',
  );
}

/**
 * Takes the lock file `<dataDir>.lock` (beside the database folder, inside DATA_DIR) with an atomic create.
 * A lock whose holder is gone (killed, machine rebooted) is taken over; a live holder's is refused.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = `${dataDir}.lock`;
  const content: LockContent = {
    ...processIdentity(),
    token: randomBytes(8).toString('hex'),
    since: new Date().toISOString(),
  };
  const text = JSON.stringify(content);
  // A first start: DATA_DIR itself may not exist yet (creating an existing one changes nothing).
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o644);
      try {
        fs.writeSync(fd, text);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      return {
        path: file,
        release: () => {
          // Only our own lock: never one a later process took over after ours was judged stale.
          if (readOrNull(file) === text) fs.rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const seen = readOrNull(file);
    const holder = parse(seen);
    if (holder === null) continue;
    if (!holderGone(holder)) throw refusal(path.dirname(file), holder);
    // Move the stale lock aside, then make sure it is the one judged: a racing process may have just
    // taken it over, and its fresh lock goes back in place.
    const aside = `${file}.stale-${process.pid}-${content.token}`;
    try {
      fs.renameSync(file, aside);
    } catch {
      continue;
    }
    if (readOrNull(aside) !== seen) {
      try {
        fs.linkSync(aside, file);
      } catch {
        // Someone else holds it now; the next attempt reads theirs.
      }
    }
    fs.rmSync(aside, { force: true });
  }
  throw refusal(path.dirname(file), parse(readOrNull(file)) ?? {});
}
