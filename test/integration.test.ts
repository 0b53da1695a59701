import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { ROOT } from './fixtures/helpers.js';

// The integration script over real processes (built dist/, free ports, temp data dir) is part of `npm test`.
test('When both services run as real processes, then every step of the integration script passes', { timeout: 240_000 }, async () => {
  const child = spawn('npm', ['run', '--silent', 'test:integration'], {
    cwd: ROOT,
    env: { ...process.env, VOICE_URL: '', DASHBOARD_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, output);
  assert.match(output, /integration: \d+ passed, 0 failed/);
});
