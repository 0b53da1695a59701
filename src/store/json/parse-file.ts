import type { z } from 'zod';
import { AppError } from '../../shared/app-error.js';
import { summariseDetails, zodDetails } from '../../shared/zod-details.js';

/**
 * Parse and validate a data file's text. The error names the file and says exactly what is
 * wrong: the line and column of a JSON syntax error, or the zod path of each bad field.
 */
export function parseDataFile(fileLabel: string, content: string, schema: z.ZodType): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch (error) {
    throw new AppError('data_file_invalid', `${fileLabel} is not valid JSON: ${describeJsonError(error as Error, content)}`, 500, [
      { path: fileLabel, message: (error as Error).message },
    ]);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const details = zodDetails(result.error);
    throw new AppError('data_file_invalid', `${fileLabel} does not match its schema: ${summariseDetails(details)}`, 500, details);
  }
  return result.data;
}

function describeJsonError(error: Error, content: string): string {
  if (/line \d+ column \d+/.test(error.message)) return error.message;
  const position = /position (\d+)/.exec(error.message);
  if (!position) return content.trim() === '' ? 'the file is empty' : error.message;
  const offset = Number(position[1]);
  const before = content.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${error.message} (line ${line} column ${column})`;
}
