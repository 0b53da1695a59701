import type { Placeholder } from '../store/schemas.js';

export type TemplateValues = Partial<Record<Placeholder, string>>;

/** Fill `{{placeholders}}`; a placeholder without a value is spoken as nothing rather than as braces. */
export function renderTemplate(text: string, values: TemplateValues): string {
  const parts = compiled(text);
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) out += (values[parts[i] as Placeholder] ?? '') + parts[i + 1];
  return /\s{2}/.test(out) ? out.replace(/\s{2,}/g, ' ').trim() : out.trim();
}

/** Text and placeholder names, alternating ("Hi {{storeName}}!" → ["Hi ", "storeName", "!"]), once per template text. */
const compiledTexts = new Map<string, string[]>();
const COMPILED_LIMIT = 1_000;

function compiled(text: string): string[] {
  let parts = compiledTexts.get(text);
  if (!parts) {
    parts = text.split(/\{\{\s*([^{}]*?)\s*\}\}/);
    if (compiledTexts.size >= COMPILED_LIMIT) compiledTexts.clear();
    compiledTexts.set(text, parts);
  }
  return parts;
}
