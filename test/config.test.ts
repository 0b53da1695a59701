import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../src/shared/config.js';
import { API_TOKEN_FILE, loadSecrets, readOrCreateSecret } from '../src/shared/secrets.js';
import { runTs, tempDir } from './fixtures/helpers.js';

describe('config', () => {
  test('When nothing is set, then the defaults apply (ports 5003 and 5004, 127.0.0.1, ./data, info)', () => {
    const config = loadConfig({});
    assert.equal(config.voicePort, 5003);
    assert.equal(config.dashboardPort, 5004);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.dataDir, path.resolve('data'));
    assert.equal(config.voiceApiUrl, 'http://127.0.0.1:5003');
    assert.equal(config.logLevel, 'info');
    assert.equal(config.twilioAuthToken, undefined);
    assert.equal(config.trustProxy, false, 'no proxy is trusted unless TRUST_PROXY says so');
  });

  test('When TRUST_PROXY is given, then it becomes Express\'s trust proxy value: hops, true/false, or a list of addresses and subnets', () => {
    const cases: [string, unknown][] = [
      ['1', 1],
      ['0', 0],
      ['false', false],
      ['true', true],
      ['loopback', ['loopback']],
      [' loopback, 10.0.0.5 ,192.168.0.0/16, fd00::/8, 10.1.0.0/255.255.0.0 ', ['loopback', '10.0.0.5', '192.168.0.0/16', 'fd00::/8', '10.1.0.0/255.255.0.0']],
      ['', false],
    ];
    for (const [value, expected] of cases) assert.deepEqual(loadConfig({ TRUST_PROXY: value }).trustProxy, expected, value);
  });

  test('When values are given, then they are used (VOICE_API_URL follows VOICE_PORT, trailing slashes dropped)', () => {
    const config = loadConfig({ VOICE_PORT: '6003', PUBLIC_BASE_URL: 'https://shop.example.com/', LOG_LEVEL: 'debug' });
    assert.equal(config.voiceApiUrl, 'http://127.0.0.1:6003');
    assert.equal(config.publicBaseUrl, 'https://shop.example.com');
    assert.equal(config.logLevel, 'debug');
  });

  for (const [variable, value] of [
    ['VOICE_PORT', 'abc'],
    ['VOICE_PORT', '70000'],
    ['DASHBOARD_PORT', '0'],
    ['LOG_LEVEL', 'loud'],
    ['PUBLIC_BASE_URL', 'ngrok'],
    ['VOICE_API_URL', 'localhost:5003'],
    ['API_TOKEN', 'short'],
    ['TRUST_PROXY', 'nginx'],
    ['TRUST_PROXY', '10.0.0.300'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', 'loopback,,-1'],
    ['TRUST_PROXY', ','],
  ] as const) {
    test(`When ${variable}=${value}, then loading fails with a message naming ${variable}`, () => {
      assert.throws(
        () => loadConfig({ [variable]: value }),
        (e: ConfigError) => e instanceof ConfigError && e.variable === variable && e.message.includes(variable),
      );
    });
  }

  test('When the voice service starts with a bad VOICE_PORT, then it stops with exit code 1 and a message naming it', { timeout: 30_000 }, async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const run = runTs('src/voice/main.ts', [], { VOICE_PORT: 'not-a-port', DATA_DIR: dir });
      const { code, stderr } = await run.exited;
      assert.equal(code, 1);
      assert.match(stderr, /VOICE_PORT must be a port number/);
    } finally {
      await cleanup();
    }
  });
});

describe('secrets in DATA_DIR', () => {
  test('When no API_TOKEN is given, then one is generated once (mode 600) and both services read the same one', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const config = loadConfig({ DATA_DIR: dir });
      const [a, b] = await Promise.all([loadSecrets(config), loadSecrets(config)]);
      assert.equal(a.apiToken, b.apiToken);
      assert.equal(a.sessionSecret, b.sessionSecret);
      assert.ok(a.apiToken.length >= 32);
      assert.notEqual(a.apiToken, a.sessionSecret);
      assert.equal((await stat(path.join(dir, API_TOKEN_FILE))).mode & 0o777, 0o600);
      assert.equal(await readOrCreateSecret(dir, API_TOKEN_FILE), a.apiToken);
    } finally {
      await cleanup();
    }
  });

  test('When API_TOKEN is given, then it wins over the file', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const secrets = await loadSecrets(loadConfig({ DATA_DIR: dir, API_TOKEN: 'a-token-of-enough-length' }));
      assert.equal(secrets.apiToken, 'a-token-of-enough-length');
    } finally {
      await cleanup();
    }
  });
});
