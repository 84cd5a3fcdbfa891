/**
 * HTTP load with autocannon, run in a worker thread so that the load generator never shares the
 * event loop of the server under test (which runs on the main thread). Latency percentiles are
 * computed from every response time of the measured run (autocannon's own summary has no p95).
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds of measured load. */
  duration: number;
  /** Seconds of load before, not measured. */
  warmup: number;
  /** Request headers, e.g. `cache-control: no-cache` to pass the response cache. */
  headers?: Record<string, string>;
}

export interface LoadResult {
  rps: number;
  requests: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  mean_ms: number;
  errors: number;
  non2xx: number;
  bytes_per_response: number;
}

/** Runs the load in a worker thread and resolves with its measurements. */
export function load(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // tsx's loader is registered per thread: the worker registers it, then imports this file.
    const entry = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
      .then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const worker = new Worker(entry, { eval: true, workerData: options });
    worker.once('message', (m: { result?: LoadResult; error?: string }) => {
      if (m.error) reject(new Error(m.error));
      else resolve(m.result!);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with ${code}`));
    });
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

const round = (x: number) => Math.round(x * 100) / 100;

function cannon(o: LoadOptions, duration: number, onTime?: (ms: number, status: number, bytes: number) => void) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: o.url, connections: o.connections, duration, headers: o.headers, timeout: 30 },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    if (onTime) instance.on('response', (_client, status, bytes, ms) => onTime(ms, status, bytes));
  });
}

async function runInWorker(o: LoadOptions): Promise<LoadResult> {
  if (o.warmup > 0) await cannon(o, o.warmup);
  const times: number[] = [];
  let non2xx = 0;
  let bytes = 0;
  const result = await cannon(o, o.duration, (ms, status, size) => {
    times.push(ms);
    bytes += size;
    if (status < 200 || status > 299) non2xx++;
  });
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
  return {
    rps: round(times.length / o.duration),
    requests: times.length,
    p50_ms: round(percentile(times, 50)),
    p95_ms: round(percentile(times, 95)),
    p99_ms: round(percentile(times, 99)),
    mean_ms: round(mean),
    errors: result.errors + result.timeouts,
    non2xx,
    bytes_per_response: times.length ? Math.round(bytes / times.length) : 0,
  };
}

if (!isMainThread && parentPort && (workerData as LoadOptions | undefined)?.url) {
  runInWorker(workerData as LoadOptions).then(
    (result) => parentPort!.postMessage({ result }),
    (err: unknown) => parentPort!.postMessage({ error: String(err) }),
  );
}
