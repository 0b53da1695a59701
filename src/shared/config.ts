import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting of both services (the README's Configuration table), read once from the
 * environment and validated here. A bad value stops the process with a message naming the
 * variable; nothing else reads process.env.
 */
const port = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const n = Number(value);
      if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 1 || n > 65535) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a port number from 1 to 65535, got "${value}"` });
        return z.NEVER;
      }
      return n;
    });

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const optionalUrl = (name: string) =>
  optionalText.refine((value) => value === undefined || /^https?:\/\/[^\s/]+/.test(value), {
    message: `${name} must be an http(s) URL such as https://example.ngrok.app`,
  });

/**
 * Express's `trust proxy` value: which hops may set X-Forwarded-For/-Proto/-Host. Unset, none
 * is trusted, so a client cannot choose its own address (the login limits count per address)
 * or make a webhook's URL look like the one Twilio signed.
 */
export type TrustProxy = boolean | number | string | string[];

const NAMED_SUBNETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, or a subnet as address/prefix-length or address/netmask (what Express accepts). */
function isProxyAddress(entry: string): boolean {
  if (NAMED_SUBNETS.has(entry)) return true;
  const [address, range, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (range === undefined) return true;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(range) === 4;
}

const trustProxy = optionalText.transform((value, ctx): TrustProxy => {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const bad = entries.find((entry) => !isProxyAddress(entry));
  if (bad !== undefined || entries.length === 0) {
    ctx.addIssue({
      code: 'custom',
      message: `TRUST_PROXY must be the number of proxies in front (like 1), loopback, or a comma-separated list of proxy addresses or subnets (like 10.0.0.5, 192.168.0.0/16); "${bad ?? value}" is none of these`,
    });
    return z.NEVER;
  }
  return entries;
});

const envSchema = z.object({
  VOICE_PORT: port('VOICE_PORT', 5003),
  DASHBOARD_PORT: port('DASHBOARD_PORT', 5004),
  HOST: optionalText.transform((v) => v ?? '127.0.0.1'),
  DATA_DIR: optionalText.transform((v) => path.resolve(v ?? 'data')),
  API_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 16, {
    message: 'API_TOKEN must be at least 16 characters (or leave it unset to generate one)',
  }),
  SESSION_SECRET: optionalText.refine((v) => v === undefined || v.length >= 16, {
    message: 'SESSION_SECRET must be at least 16 characters (or leave it unset to generate one)',
  }),
  VOICE_API_URL: optionalUrl('VOICE_API_URL'),
  TWILIO_AUTH_TOKEN: optionalText,
  PUBLIC_BASE_URL: optionalUrl('PUBLIC_BASE_URL'),
  TRUST_PROXY: trustProxy,
  LOG_LEVEL: optionalText.pipe(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    }).optional(),
  ),
});

export interface Config {
  voicePort: number;
  dashboardPort: number;
  host: string;
  dataDir: string;
  /** Set only when given in the environment; otherwise read from DATA_DIR by loadSecrets. */
  apiToken?: string;
  sessionSecret?: string;
  voiceApiUrl: string;
  twilioAuthToken?: string;
  /** Without a trailing slash. */
  publicBaseUrl?: string;
  /** Express's `trust proxy`; false (the default) trusts no X-Forwarded-* header. */
  trustProxy: TrustProxy;
  logLevel: string;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0] ?? 'environment');
    const message = issue.message.includes(variable) ? issue.message : `${variable}: ${issue.message}`;
    throw new ConfigError(variable, `Invalid configuration: ${message}`);
  }
  const e = parsed.data;
  return {
    voicePort: e.VOICE_PORT,
    dashboardPort: e.DASHBOARD_PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    apiToken: e.API_TOKEN,
    sessionSecret: e.SESSION_SECRET,
    voiceApiUrl: (e.VOICE_API_URL ?? `http://127.0.0.1:${e.VOICE_PORT}`).replace(/\/+$/, ''),
    twilioAuthToken: e.TWILIO_AUTH_TOKEN,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL ?? 'info',
  };
}

/** For main.ts: a bad value prints one clear line and exits 1 instead of a stack trace. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
