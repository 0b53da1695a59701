import type { RequestHandler } from 'express';
import { AppError } from '../../shared/app-error.js';

export interface TwilioFormOptions {
  /** Largest body accepted, in bytes (Twilio's are about 1 KB). */
  limit: number;
  /** Most parameters accepted (Twilio sends about 25). */
  parameterLimit: number;
}

const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/**
 * The body of a Twilio webhook (form-encoded, UTF-8) as `req.body`, for /voice only.
 * express.urlencoded does the same job for any body; measured under load here it cost a
 * tenth of a webhook's time (stream plumbing, raw-body, qs), and a caller is waiting. This
 * collects the few hundred bytes itself and parses them with the platform's URLSearchParams.
 * Like express.urlencoded: other content types are left alone (req.body stays undefined),
 * a repeated name gives an array, and the errors are 413 (too large, too many parameters),
 * 415 (charset other than UTF-8) and 400 (the request broke off).
 */
export function twilioForm(options: TwilioFormOptions): RequestHandler {
  return (req, _res, next) => {
    const type = req.headers['content-type'];
    if (!type || !FORM_TYPE.test(type)) {
      next();
      return;
    }
    const charset = CHARSET.exec(type)?.[1].toLowerCase();
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      next(new AppError('unsupported_media_type', `Unsupported charset "${charset}": webhooks must be UTF-8`, 415));
      return;
    }
    if (Number(req.headers['content-length']) > options.limit) {
      req.resume(); // drain it, so the connection can carry the answer
      next(tooLarge(options.limit));
      return;
    }

    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error?: AppError) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      if (error) req.resume();
      next(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.limit) finish(tooLarge(options.limit));
      else chunks.push(chunk);
    };
    const onError = (error: Error) => finish(new AppError('bad_request', `The request body could not be read: ${error.message}`, 400));
    const onEnd = () => {
      const raw = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
      const params = new URLSearchParams(raw.toString('utf8'));
      const body: Record<string, string | string[]> = Object.create(null);
      let count = 0;
      for (const [name, value] of params) {
        if (++count > options.parameterLimit) {
          finish(new AppError('payload_too_large', `More than ${options.parameterLimit} parameters in the request body`, 413));
          return;
        }
        const previous = body[name];
        body[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
      }
      req.body = body;
      finish();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  };
}

function tooLarge(limit: number): AppError {
  return new AppError('payload_too_large', `Request body is larger than the limit of ${limit} bytes`, 413);
}
