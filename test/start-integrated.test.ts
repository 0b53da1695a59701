import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { freePort } from '../scripts/lib/services.js';
import { ROOT, tempDir, waitFor } from './fixtures/helpers.js';

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

async function startScript(dataDir: string) {
  const [voicePort, dashboardPort] = [await freePort(), await freePort()];
  const child = spawn('bash', ['start-integrated.sh'], {
    cwd: ROOT,
    env: { ...process.env, VOICE_PORT: String(voicePort), DASHBOARD_PORT: String(dashboardPort), DATA_DIR: dataDir, LOG_LEVEL: 'warn', API_TOKEN: '', VOICE_API_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  await waitFor(() => output.includes('press Ctrl-C to stop both') || child.exitCode !== null, 90_000, 'both services to start');
  return { child, voice: `http://127.0.0.1:${voicePort}`, dashboard: `http://127.0.0.1:${dashboardPort}`, output: () => output, exited };
}

test('When start-integrated.sh runs, then both services answer, and SIGTERM stops both with nothing left behind', { timeout: 120_000 }, async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const run = await startScript(dir);
    assert.match(run.output(), /dashboard: +http:\/\/127\.0\.0\.1:\d+ +\(login: admin \/ admin123/);
    assert.ok(await answers(`${run.voice}/health`));
    assert.ok(await answers(`${run.dashboard}/health`));

    run.child.kill('SIGTERM');
    assert.equal(await run.exited, 0, run.output());
    assert.equal(await answers(`${run.voice}/health`), false, 'the voice service is gone');
    assert.equal(await answers(`${run.dashboard}/health`), false, 'the dashboard is gone');
  } finally {
    await cleanup();
  }
});

test('When one service dies, then the script says which, stops the other and exits non-zero', { timeout: 120_000 }, async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const run = await startScript(dir);
    const children = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(run.child.pid)], { encoding: 'utf8' });
    const voicePid = Number(/^\s*(\d+)\s+node dist\/voice\/main\.js/m.exec(children)?.[1]);
    assert.ok(voicePid > 0, children);
    process.kill(voicePid, 'SIGKILL');

    assert.notEqual(await run.exited, 0);
    assert.match(run.output(), /the voice service exited .*stopping the other service/);
    assert.equal(await answers(`${run.dashboard}/health`), false, 'the dashboard was stopped too');
  } finally {
    await cleanup();
  }
});
