import type { Request, RequestHandler } from 'express';
import multer from 'multer';
import { AppError } from '../../shared/app-error.js';

/** Backups and catalogues can be large: as much as the voice API takes for a restore or a bulk import. */
const UPLOAD_LIMIT = 64 * 1024 * 1024;

/**
 * The two forms that upload a file. Their bodies are multipart, so the app-wide CSRF check
 * cannot see their `_csrf` field: it lets exactly these through, and their routes run
 * `uploadForm` and then `csrfProtection`.
 */
const UPLOAD_PATHS = new Set(['/inventory/import', '/backup/restore']);

export const isUploadPost = (req: Request): boolean => req.method === 'POST' && UPLOAD_PATHS.has(req.path);

/**
 * A multipart form with one file: the file in memory as `req.file`, the text fields in
 * `req.body`. Mount it on the route itself, behind the login and role checks, so that only
 * staff can make us buffer a large body, and follow it with `csrfProtection`.
 */
export function uploadForm(fileField: string): RequestHandler {
  const read = multer({
    storage: multer.memoryStorage(),
    // Browsers send a file name with accents as raw UTF-8.
    defParamCharset: 'utf8',
    limits: { fileSize: UPLOAD_LIMIT, fieldSize: UPLOAD_LIMIT, files: 1, fields: 20 },
  }).single(fileField);
  return (req, res, next) => read(req, res, (error?: unknown) => next(error && uploadError(error)));
}

/** The uploaded file's content as text (both uploads are text: CSV and JSON), '' when none was chosen. */
export const uploadedText = (req: Request): string => req.file?.buffer.toString('utf8') ?? '';

/** Whatever goes wrong while reading an upload is the upload's fault: a 413 or a 400 that says so. */
function uploadError(error: unknown): AppError {
  const code = (error as { code?: unknown }).code;
  if (code === 'LIMIT_FILE_SIZE' || code === 'LIMIT_FIELD_VALUE') {
    return new AppError('payload_too_large', `The upload is larger than ${UPLOAD_LIMIT / 1024 / 1024} MB`, 413);
  }
  if (error instanceof multer.MulterError) return new AppError('bad_request', `The upload was refused: ${error.message.toLowerCase()}`, 400);
  return new AppError('bad_request', `The upload is not valid multipart/form-data: ${(error as Error).message}`, 400);
}
