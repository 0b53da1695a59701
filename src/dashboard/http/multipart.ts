import type { RequestHandler } from 'express';
import { AppError } from '../../shared/app-error.js';

export interface UploadedFile {
  filename: string;
  contentType: string;
  text: string;
}

/**
 * A small multipart/form-data reader for the two upload forms (CSV import, backup restore),
 * so a plain <input type="file"> works without client-side script. Text fields land in
 * req.body as strings, files as UploadedFile (read as UTF-8 text: both uploads are text).
 * Only for logged-in sessions, so an anonymous visitor cannot make us buffer a large body.
 */
export function multipartForm(options: { limitBytes: number }): RequestHandler {
  return async (req, _res, next) => {
    const type = req.headers['content-type'] ?? '';
    if (req.method !== 'POST' || !/^multipart\/form-data/i.test(type) || !req.session?.user) return next();
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(type);
    if (!boundary) return next(new AppError('bad_request', 'The upload has no multipart boundary', 400));
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > options.limitBytes) return next(tooLarge(options.limitBytes));

    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > options.limitBytes) return next(tooLarge(options.limitBytes));
      chunks.push(chunk as Buffer);
    }
    try {
      req.body = parseMultipart(Buffer.concat(chunks), boundary[1] ?? boundary[2].trim());
    } catch (error) {
      return next(error);
    }
    next();
  };
}

function tooLarge(limit: number): AppError {
  return new AppError('payload_too_large', `The upload is larger than ${Math.round(limit / 1024 / 1024)} MB`, 413);
}

export function parseMultipart(body: Buffer, boundary: string): Record<string, string | UploadedFile> {
  const fields: Record<string, string | UploadedFile> = Object.create(null);
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  if (start < 0) throw new AppError('bad_request', 'The upload is not valid multipart/form-data', 400);
  for (;;) {
    start += delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break; // closing delimiter
    const end = body.indexOf(delimiter, start);
    if (end < 0) throw new AppError('bad_request', 'The upload was cut short', 400);
    // A part is CRLF, headers, CRLF CRLF, content, CRLF.
    const part = body.subarray(start + 2, end - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) throw new AppError('bad_request', 'The upload is not valid multipart/form-data', 400);
    const headers = part.subarray(0, split).toString('utf8');
    const content = part.subarray(split + 4);
    const disposition = /content-disposition:[^\r\n]*?\bname="([^"]*)"(?:[^\r\n]*?\bfilename="([^"]*)")?/i.exec(headers);
    if (disposition) {
      const name = disposition[1];
      const text = content.toString('utf8');
      if (disposition[2] !== undefined) {
        const contentType = /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
        fields[name] = { filename: disposition[2], contentType, text };
      } else {
        fields[name] = text;
      }
    }
    start = end;
  }
  return fields;
}

export const isUploadedFile = (value: unknown): value is UploadedFile =>
  typeof value === 'object' && value !== null && typeof (value as UploadedFile).text === 'string' && 'filename' in value;
