import { Worker } from 'node:worker_threads';

/**
 * A bounded HTTP load loop on loopback: `concurrency` clients each send requests back to back until
 * `durationMs` has passed. Returns throughput and latency percentiles.
 */
export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

/**
 * Runs the clients in a worker thread (bench/lib/load-worker.mjs), so that they do not share the
 * measured server's event loop. `url` is one URL or a list that the clients take in turn.
 */
export async function runLoad(options: {
  url: string | readonly string[];
  concurrency: number;
  durationMs: number;
  headers?: Record<string, string>;
}): Promise<LoadResult> {
  const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
    workerData: {
      urls: typeof options.url === 'string' ? [options.url] : [...options.url],
      concurrency: options.concurrency,
      durationMs: options.durationMs,
      headers: options.headers ?? {},
    },
  });
  const { latencies, errors, elapsedMs } = await new Promise<{
    latencies: Float64Array;
    errors: number;
    elapsedMs: number;
  }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  latencies.sort();
  const pick = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    errors,
    rps: latencies.length / (elapsedMs / 1000),
    p50: pick(0.5),
    p95: pick(0.95),
    p99: pick(0.99),
  };
}

export function formatLoad(label: string, r: LoadResult): string {
  return `${label.padEnd(44)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95
    .toFixed(1)
    .padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   errors ${r.errors}`;
}
