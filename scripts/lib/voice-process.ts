import { spawn, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort, waitForHealth } from './services.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const BENCH_API_TOKEN = 'bench-api-token-0123456789';

export interface VoiceProcess {
  url: string;
  port: number;
  pid: number;
  /** From spawn to the first healthy answer: reading the data directory, indexing the catalogue and listening. */
  startupMs: number;
  /** What ran: start-voice.sh with the built service, or the source through tsx when dist/ does not build. */
  from: string;
  stop(): Promise<void>;
}

/** dist/ as `npm run start:voice` would run it; false when the tree does not build right now. */
export function ensureBuilt(): boolean {
  return spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'ensure-built.mjs')], { cwd: ROOT, stdio: 'ignore' }).status === 0;
}

/**
 * The voice service as its own process on a free loopback port over `dataDir`, so the load
 * generator's work is not charged to it and its memory is its own. `nodeArgs` go to Node
 * (e.g. --trace-gc, whose lines reach `onStdout`).
 */
export async function startVoice(dataDir: string, options: { nodeArgs?: string[]; onStdout?: (text: string) => void } = {}): Promise<VoiceProcess> {
  const built = ensureBuilt();
  // As start-voice.sh runs it in production (with its heap limit); the source through tsx only when dist/ does not build.
  const [command, args] = built
    ? ['bash', [path.join(ROOT, 'start-voice.sh'), ...(options.nodeArgs ?? [])]]
    : [process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', path.join(ROOT, 'src', 'voice', 'main.ts')]];
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: ROOT,
    // warn: per-request info lines would measure the log sink, not the service.
    env: { ...process.env, DATA_DIR: dataDir, HOST: '127.0.0.1', VOICE_PORT: String(port), LOG_LEVEL: 'warn', API_TOKEN: BENCH_API_TOKEN, TWILIO_AUTH_TOKEN: '', PUBLIC_BASE_URL: '' },
    stdio: ['ignore', options.onStdout ? 'pipe' : 'ignore', 'inherit'],
  });
  if (options.onStdout) child.stdout?.setEncoding('utf8').on('data', options.onStdout);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const startupMs = performance.now() - started;
  return { url, port, pid: child.pid as number, startupMs, from: built ? 'start-voice.sh (dist/voice/main.js)' : 'src/voice/main.ts via tsx, without start-voice.sh', stop };
}

/** Resident memory of a process in MB, from /proc (Linux) or ps. */
export async function rssMb(pid: number): Promise<number> {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux
  }
  return Number(spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim()) / 1024;
}

/** The voice service's JSON API with the bench's token; throws on any answer but 2xx. */
export async function api(base: string, method: string, urlPath: string, body?: unknown): Promise<{ ms: number; json: unknown }> {
  const started = performance.now();
  const response = await fetch(`${base}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${BENCH_API_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${method} ${urlPath} answered ${response.status}: ${text.slice(0, 300)}`);
  return { ms, json: text ? JSON.parse(text) : undefined };
}

/** A webhook as Twilio would post it (the services run without TWILIO_AUTH_TOKEN here). */
export async function webhook(base: string, urlPath: string, params: Record<string, string>): Promise<string> {
  const response = await fetch(`${base}${urlPath}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${urlPath} answered ${response.status}: ${text.slice(0, 300)}`);
  return text;
}

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
};
