import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Start the built voice service and dashboard as real processes on free loopback ports with a temp data dir. */
export interface RunningServices {
  voiceUrl: string;
  dashboardUrl: string;
  apiToken: string;
  dataDir: string;
  voice: ChildProcess;
  dashboard: ChildProcess;
  stop: () => Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitForHealth(url: string, child: ChildProcess | undefined, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the process exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url}/health did not answer within ${timeoutMs} ms`);
}

export async function startServices(options: { env?: NodeJS.ProcessEnv; quiet?: boolean } = {}): Promise<RunningServices> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'scr-services-'));
  const [voicePort, dashboardPort] = [await freePort(), await freePort()];
  const apiToken = randomBytes(24).toString('hex');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    VOICE_PORT: String(voicePort),
    DASHBOARD_PORT: String(dashboardPort),
    DATA_DIR: dataDir,
    API_TOKEN: apiToken,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    TWILIO_AUTH_TOKEN: '',
    PUBLIC_BASE_URL: '',
    VOICE_API_URL: '',
    ...options.env,
  };
  const stdio = options.quiet ? 'ignore' : 'inherit';
  // The voice service as production starts it (start-voice.sh execs Node with its heap limit).
  const voice = spawn('bash', [path.join(ROOT, 'start-voice.sh')], { cwd: ROOT, env, stdio });
  const dashboard = spawn(process.execPath, [path.join(ROOT, 'dist/dashboard/main.js')], { cwd: ROOT, env, stdio });
  const stop = async () => {
    await Promise.all(
      [voice, dashboard].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
          }),
      ),
    );
    await rm(dataDir, { recursive: true, force: true });
  };
  const voiceUrl = `http://127.0.0.1:${voicePort}`;
  const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
  try {
    await Promise.all([waitForHealth(voiceUrl, voice), waitForHealth(dashboardUrl, dashboard)]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { voiceUrl, dashboardUrl, apiToken, dataDir, voice, dashboard, stop };
}
