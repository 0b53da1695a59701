import { placeholdersIn, type Placeholder } from '../store/schemas.js';

export type TemplateValues = Partial<Record<Placeholder, string>>;

/** Fill `{{placeholders}}`; a placeholder without a value is spoken as nothing rather than as braces. */
export function renderTemplate(text: string, values: TemplateValues): string {
  return text
    .replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (_match, name: string) => values[name as Placeholder] ?? '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

export { placeholdersIn };
