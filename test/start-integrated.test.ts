import assert from 'node:assert/strict';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { test } from 'node:test';
import { freePort, waitForHealth } from '../scripts/lib/services.js';
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
    const voicePid = Number(/^\s*(\d+)\s+node .*dist\/voice\/main\.js/m.exec(children)?.[1]);
    assert.ok(voicePid > 0, children);
    assert.match(children, /node --max-old-space-size=1536 dist\/voice\/main\.js/, 'the voice service runs through start-voice.sh, with its heap limit');
    process.kill(voicePid, 'SIGKILL');

    assert.notEqual(await run.exited, 0);
    assert.match(run.output(), /the voice service exited .*stopping the other service/);
    assert.equal(await answers(`${run.dashboard}/health`), false, 'the dashboard was stopped too');
  } finally {
    await cleanup();
  }
});

test('When VOICE_HEAP_MB is set, then the voice service gets that heap and indexes the catalogue before it listens; a value that is not a size stops start-voice.sh with a message naming it', { timeout: 120_000 }, async () => {
  const { dir, cleanup } = await tempDir();
  try {
    for (const bad of ['abc', '100', '12.5', '-512', '1e3', '512 MB', '99999999', '99999999999999999999', '0512', ' 512']) {
      const run = spawnSync('bash', ['start-voice.sh'], { cwd: ROOT, env: { ...process.env, VOICE_HEAP_MB: bad, DATA_DIR: dir, VOICE_PORT: String(await freePort()) }, encoding: 'utf8', timeout: 30_000 });
      assert.equal(run.status, 2, `${bad}: ${run.stderr}`);
      assert.match(run.stderr, /VOICE_HEAP_MB must be a whole number of megabytes from 256 to 65536/, bad);
      assert.ok(run.stderr.includes(`"${bad}"`), `the message quotes what was given: ${run.stderr}`);
    }
    assert.deepEqual(await readdir(dir), [], 'nothing started, nothing written');

    const port = await freePort();
    const child = spawn('bash', ['start-voice.sh'], { cwd: ROOT, env: { ...process.env, VOICE_HEAP_MB: '512', DATA_DIR: dir, VOICE_PORT: String(port), LOG_LEVEL: 'info', API_TOKEN: '' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    try {
      await waitForHealth(`http://127.0.0.1:${port}`, child, 60_000);
      // exec: the script's process became the service itself.
      assert.match(execFileSync('ps', ['-o', 'args=', '-p', String(child.pid)], { encoding: 'utf8' }), /^node --max-old-space-size=512 dist\/voice\/main\.js/);
      // The first caller does not wait for the product index: it is built before the service listens.
      const messages = output.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { msg: string; products?: number }));
      const indexed = messages.findIndex((m) => m.msg === 'catalogue indexed');
      assert.ok(indexed >= 0 && messages[indexed].products! > 0, output);
      assert.ok(indexed < messages.findIndex((m) => m.msg === 'voice service listening'), output);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  } finally {
    await cleanup();
  }
});
