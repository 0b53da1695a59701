import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config.js';

export const API_TOKEN_FILE = '.api-token';
export const SESSION_SECRET_FILE = '.session-secret';

/**
 * Reads a secret from DATA_DIR, creating it (mode 600) the first time. Both services call
 * this, possibly at the same moment: `wx` makes exactly one of them the creator and the
 * other reads what it wrote, so they always agree with zero configuration.
 */
export async function readOrCreateSecret(dataDir: string, fileName: string): Promise<string> {
  const file = path.join(dataDir, fileName);
  await mkdir(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const value = (await readFile(file, 'utf8')).trim();
      if (value.length >= 16) return value;
      if (value.length > 0) throw new Error(`${file} holds a secret shorter than 16 characters; delete it to generate a new one`);
      // Empty: the other process has created it and not yet written; wait for it.
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    try {
      const value = randomBytes(32).toString('hex');
      await writeFile(file, `${value}\n`, { flag: 'wx', mode: 0o600 });
      return value;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`Could not read or create ${file}`);
}

export interface Secrets {
  apiToken: string;
  sessionSecret: string;
}

export async function loadSecrets(config: Config): Promise<Secrets> {
  return {
    apiToken: config.apiToken ?? (await readOrCreateSecret(config.dataDir, API_TOKEN_FILE)),
    sessionSecret: config.sessionSecret ?? (await readOrCreateSecret(config.dataDir, SESSION_SECRET_FILE)),
  };
}
