import express, { type RequestHandler } from 'express';
import { AppError } from '../../shared/app-error.js';

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * express.json() with one rule of ours: an empty body is an error. body-parser 2 reads a
 * JSON request of zero bytes as `{}` (it forgives "a common client-side mistake"), so an
 * empty PUT would merge nothing and rewrite the file with a 200. `verify` sees the raw bytes
 * before they are parsed, so this holds for Content-Length: 0 and an empty chunked body alike.
 */
export function jsonBody(limit: string): RequestHandler {
  return express.json({
    limit,
    verify: (_req, _res, raw) => {
      if (raw.length === 0) {
        throw new AppError('empty_body', 'The request body is empty: send a JSON object with the fields', 400, [{ path: '(root)', message: 'is empty; send a JSON object' }]);
      }
    },
  });
}

/** A PUT merges the fields it names: `{}` names none, so it is refused rather than answered with an unchanged rewrite. */
export const requireSomethingToChange: RequestHandler = (req, _res, next) => {
  if (req.method !== 'PUT' || !isPlainObject(req.body) || Object.keys(req.body).length > 0) return next();
  next(new AppError('nothing_to_change', 'Nothing to change: the request body is an empty object; send the fields to change', 400, [{ path: '(root)', message: 'names no field to change' }]));
};

/** A bulk import of no rows would rewrite the catalogue and log an import that did nothing. */
export const requireRows: RequestHandler = (req, _res, next) => {
  const body: unknown = req.body;
  const rows = Array.isArray(body) ? body : isPlainObject(body) && Array.isArray(body.items) ? body.items : undefined;
  if (rows === undefined || rows.length > 0) return next();
  next(new AppError('nothing_to_import', 'Nothing to import: the list of products is empty', 400, [{ path: 'items', message: 'is empty; send at least one product' }]));
};
