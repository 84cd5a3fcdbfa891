// Looks inside a PDF for active content the way a reader sees it. qpdf parses the file (objects in
// compressed object streams included) and prints every object as JSON with names decoded, so
// `/J#61vaScript` reads `/JavaScript`; stream data is left out, so only dictionaries and arrays are
// searched and a compressed image cannot match by chance. Nothing is written to disk.
import { spawn } from 'node:child_process';
import { Unavailable } from '../http/errors.js';

/**
 * Names that make a PDF run code, open or carry other files, send or fetch data, or play media:
 * JavaScript actions (also reached from /OpenAction and /AA), launch and remote go-to actions,
 * embedded files and attachments, rich media and 3D (both scriptable), XFA forms (their own scripts,
 * invisible to a name search), and form submit/import actions. Ordinary /URI links are allowed.
 */
const ACTIVE_NAMES = [
  'JavaScript',
  'JS',
  'Launch',
  'GoToR',
  'GoToE',
  'EmbeddedFile',
  'EmbeddedFiles',
  'EF',
  'FileAttachment',
  'RichMedia',
  'RichMediaContent',
  'RichMediaExecute',
  '3D',
  'Rendition',
  'Movie',
  'Sound',
  'XFA',
  'SubmitForm',
  'ImportData',
];
// In qpdf's JSON, a name (as a key or a value) is a JSON string starting with "/"; text strings are "u:…" or "b:…".
// A link whose address is a script (`/URI (javascript:…)`) counts too: some readers follow it.
const anyCase = (word: string) => [...word].map((c) => `[${c.toLowerCase()}${c.toUpperCase()}]`).join('');
const ACTIVE = new RegExp(`"/(${ACTIVE_NAMES.join('|')})"|"u:\\s{0,8}(${anyCase('javascript')}):`);
const OVERLAP = 32;

// A PDF that needed repairs is accepted only when the repair was of the cross-reference table
// (qpdf then scans the whole file for objects). Any other warning (a stream that does not decode,
// an object stream cut short) means qpdf saw less than a reader might: such a file is refused.
const REPAIR_ONLY =
  /^WARNING: .*(file is damaged|can't find startxref|xref not found|reconstruct cross-reference table|xref table|cross-reference|startxref|reported number of objects)/;
// After a rebuilt cross-reference table, objects packed in object streams are not found by qpdf.
const OBJECT_STREAM = /"\/Type":\s*"\/ObjStm"/;

export interface PdfCheckOptions {
  qpdfPath: string;
  timeoutMs: number;
  /** qpdf's JSON for a file beyond this is not read further: the file is refused as too complex. */
  maxOutputBytes: number;
  /** qpdf's address space: a small PDF can inflate to gigabytes of object streams. */
  maxMemoryBytes: number;
}

export const PDF_CHECK_DEFAULTS = {
  timeoutMs: 20000,
  maxOutputBytes: 64 * 1024 * 1024,
  maxMemoryBytes: 512 * 1024 * 1024,
};

export type PdfVerdict =
  | { ok: true }
  | { ok: false; problem: 'active'; name: string }
  | { ok: false; problem: 'unreadable' | 'too-complex' | 'timeout' };

/** qpdf is not installed (or not runnable): PDFs cannot be checked, so none is accepted. */
export class PdfCheckerMissing extends Unavailable {
  constructor(name: string) {
    super(
      `Máy chủ hiện không kiểm tra được tệp PDF “${name}” (thiếu công cụ kiểm tra), nên chưa nhận tệp này. Hãy thử lại sau hoặc báo quản trị viên.`,
      60,
    );
  }
}

// The shell sets the memory limit and then becomes qpdf; it answers 127 or 126 when qpdf is missing.
const LIMITED = 'ulimit -v "$1"; shift; exec "$@"';
const MAX_STDERR = 64 * 1024;

// Two qpdf processes at most (each may use maxMemoryBytes); further PDFs wait their turn.
const MAX_RUNNING = 2;
let running = 0;
const waiting: (() => void)[] = [];

export async function checkPdf(file: string, name: string, options: PdfCheckOptions): Promise<PdfVerdict> {
  // A finishing check hands its place straight to the next waiting one.
  if (running < MAX_RUNNING) running += 1;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await runQpdf(file, name, options);
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

async function runQpdf(file: string, name: string, options: PdfCheckOptions): Promise<PdfVerdict> {
  const args = ['--json=2', '--json-key=qpdf', '--json-stream-data=none', '--', file];
  const child = spawn(
    '/bin/sh',
    ['-c', LIMITED, 'sh', String(Math.floor(options.maxMemoryBytes / 1024)), options.qpdfPath, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeoutMs, killSignal: 'SIGKILL' },
  );
  let verdict: PdfVerdict | null = null;
  let received = 0;
  let tail = '';
  let objectStreams = false;
  let stderr = '';
  child.stderr.setEncoding('latin1');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < MAX_STDERR) stderr += chunk;
  });
  child.stdout.setEncoding('latin1');
  child.stdout.on('data', (chunk: string) => {
    if (verdict) return;
    received += chunk.length;
    const text = tail + chunk;
    const found = ACTIVE.exec(text);
    objectStreams ||= OBJECT_STREAM.test(text);
    if (found) verdict = { ok: false, problem: 'active', name: found[1] ?? 'URI javascript:' };
    else if (received > options.maxOutputBytes) verdict = { ok: false, problem: 'too-complex' };
    else tail = text.slice(-OVERLAP);
    // The answer is known: the rest of the output is not needed.
    if (verdict) child.kill('SIGKILL');
  });
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('error', () => resolve({ code: 127, signal: null }));
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  if (verdict) return verdict;
  if (exit.signal) return { ok: false, problem: 'timeout' };
  if (exit.code === 127 || exit.code === 126) throw new PdfCheckerMissing(name);
  if (exit.code === 0) return { ok: true };
  if (exit.code === 3 && !objectStreams && repairedOnly(stderr)) return { ok: true };
  return { ok: false, problem: 'unreadable' };
}

function repairedOnly(stderr: string): boolean {
  const warnings = stderr.split('\n').filter((l) => l.startsWith('WARNING: '));
  return stderr.length < MAX_STDERR && warnings.every((l) => REPAIR_ONLY.test(l));
}

/** Whether the qpdf binary runs at all, for the readiness probe and a warning at start-up. */
export function pdfCheckerRuns(qpdfPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(qpdfPath, ['--version'], { stdio: 'ignore', timeout: 5000, killSignal: 'SIGKILL' });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}
