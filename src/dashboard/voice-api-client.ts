import axios, { type AxiosInstance, type Method } from 'axios';
import { AppError, type ErrorDetail } from '../shared/app-error.js';


export interface VoiceApiOptions {
  /** Without a trailing slash (the configuration strips it). */
  baseUrl: string;
  apiToken: string;
  /** A slow voice service must not hang a page: after this the request fails like a refused one. */
  timeoutMs?: number;
}

/** Calls to the voice service made on behalf of one logged-in user (X-Actor lands in audit.jsonl). */
export interface VoiceApi {
  readonly baseUrl: string;
  get<T>(path: string, params?: Record<string, unknown>): Promise<T>;
  post<T>(path: string, data?: unknown): Promise<T>;
  put<T>(path: string, data: unknown): Promise<T>;
  delete(path: string): Promise<void>;
}

export interface VoiceApiClient {
  readonly baseUrl: string;
  as(actor: string, requestId?: string): VoiceApi;
  /** GET /health: true when the voice service answers {"status":"ok"} in time. */
  health(): Promise<boolean>;
}

export const UNREACHABLE = 'voice_service_unreachable';

export function createVoiceApiClient(options: VoiceApiOptions): VoiceApiClient {
  const { baseUrl } = options;
  const http: AxiosInstance = axios.create({
    baseURL: baseUrl,
    timeout: options.timeoutMs ?? 5_000,
    headers: { Authorization: `Bearer ${options.apiToken}` },
    // Backups and catalogues can be tens of MB (the API takes up to 64 MB for a restore or a bulk import).
    maxContentLength: 70 * 1024 * 1024,
    maxBodyLength: 70 * 1024 * 1024,
    // The voice service is on a known URL; an HTTP(S)_PROXY in the environment must not reroute it.
    proxy: false,
    validateStatus: () => true,
  });

  async function send<T>(actor: string, requestId: string | undefined, method: Method, path: string, extra: { params?: unknown; data?: unknown }): Promise<T> {
    const write = method !== 'GET';
    let response;
    try {
      response = await http.request({
        method,
        url: `/api${path}`,
        params: extra.params,
        data: extra.data,
        headers: { 'X-Actor': actor, ...(requestId ? { 'X-Request-Id': requestId } : {}) },
      });
    } catch (error) {
      throw unreachable(baseUrl, write, error);
    }
    if (response.status >= 200 && response.status < 300) return response.data as T;
    throw fromErrorResponse(baseUrl, response.status, response.data);
  }

  return {
    baseUrl,
    as(actor, requestId) {
      return {
        baseUrl,
        get: <T>(path: string, params?: Record<string, unknown>) => send<T>(actor, requestId, 'GET', path, { params }),
        post: <T>(path: string, data?: unknown) => send<T>(actor, requestId, 'POST', path, { data }),
        put: <T>(path: string, data: unknown) => send<T>(actor, requestId, 'PUT', path, { data }),
        delete: async (path: string) => {
          await send(actor, requestId, 'DELETE', path, {});
        },
      };
    },
    async health() {
      try {
        const response = await http.get('/health', { timeout: Math.min(options.timeoutMs ?? 5_000, 2_000) });
        return response.status === 200 && (response.data as { status?: string })?.status === 'ok';
      } catch {
        return false;
      }
    },
  };
}

function unreachable(baseUrl: string, write: boolean, cause: unknown): AppError {
  const reason = (cause as { code?: string })?.code ?? 'no answer';
  const message = write
    ? `The voice service at ${baseUrl} is not reachable; nothing was saved.`
    : `The voice service at ${baseUrl} is not reachable, so this page cannot show its data right now.`;
  const error = new AppError(UNREACHABLE, message, 503);
  error.cause = reason; // ECONNREFUSED, ECONNABORTED (timeout)…: for the log, not the page
  return error;
}

/** The API's `{ error: { message, code, details } }` becomes an AppError a form can show field by field. */
function fromErrorResponse(baseUrl: string, status: number, body: unknown): AppError {
  const error = (body as { error?: { message?: unknown; code?: unknown; details?: unknown } } | undefined)?.error;
  if (error && typeof error.message === 'string') {
    const details = Array.isArray(error.details) ? (error.details as ErrorDetail[]).filter((d) => d && typeof d.message === 'string') : [];
    // The API token itself refused (not, say, a wrong password at login): a setup problem, not the user's.
    if ((status === 401 || status === 403) && (error.code === 'unauthorized' || error.code === 'forbidden')) {
      return new AppError('voice_api_refused', `The voice service at ${baseUrl} refused the dashboard's API token (${status}: ${error.message}). Both services must use the same API_TOKEN.`, 502);
    }
    return new AppError(typeof error.code === 'string' ? error.code : 'voice_api_error', error.message, status, details);
  }
  return new AppError('voice_api_error', `The voice service at ${baseUrl} answered with an unexpected ${status} response.`, 502);
}
