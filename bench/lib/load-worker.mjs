// The HTTP clients of bench/lib/load.ts, in their own thread: the measured server keeps its event
// loop to itself, as it would behind real clients. Plain JavaScript, so that no loader is needed.
import { parentPort, workerData } from 'node:worker_threads';

const { urls, concurrency, durationMs, headers } = workerData;
const latencies = [];
let errors = 0;
let next = 0;
const deadline = performance.now() + durationMs;
const started = performance.now();

async function client() {
  while (performance.now() < deadline) {
    const url = urls[next++ % urls.length];
    const t0 = performance.now();
    try {
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      if (!response.ok) errors++;
    } catch {
      errors++;
    }
    latencies.push(performance.now() - t0);
  }
}

await Promise.all(Array.from({ length: concurrency }, client));
parentPort.postMessage({
  latencies: Float64Array.from(latencies),
  errors,
  elapsedMs: performance.now() - started,
});
