import http from 'node:http';

export interface Latency {
  sent: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Open-loop load: POST at a fixed rate (requests sent on schedule, whether or not earlier
 * ones have answered), so the latencies are what a caller would see at that load, not what
 * a closed loop of N connections lets through. Microsecond precision, unlike autocannon's
 * whole-millisecond histogram.
 */
export async function fixedRateLatency(options: {
  port: number;
  path: string;
  body: (n: number) => string;
  ratePerSecond: number;
  seconds: number;
}): Promise<Latency> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const total = Math.round(options.ratePerSecond * options.seconds);
  const interval = 1000 / options.ratePerSecond;
  const latencies: number[] = [];
  let failed = 0;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = start + n * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inflight.push(
      new Promise<void>((resolve) => {
        const body = options.body(n);
        const sentAt = performance.now();
        const req = http.request(
          { host: '127.0.0.1', port: options.port, path: options.path, method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } },
          (res) => {
            res.resume();
            res.on('end', () => {
              if (res.statusCode === 200) latencies.push(performance.now() - sentAt);
              else failed++;
              resolve();
            });
          },
        );
        req.on('error', () => {
          failed++;
          resolve();
        });
        req.end(body);
      }),
    );
  }
  await Promise.all(inflight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? NaN;
  return { sent: total, failed, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: latencies.at(-1) ?? NaN };
}
