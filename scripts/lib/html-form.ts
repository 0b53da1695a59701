/**
 * Just enough HTML form reading for the integration script to submit the dashboard's forms as
 * a browser would: every field's current value, with the caller's changes on top.
 */
const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&');

const attr = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? decode(match[2] ?? match[3] ?? match[4] ?? '') : undefined;
};

export interface HtmlForm {
  action: string;
  method: string;
  fields: [string, string][];
}

/** The first form on the page that has a field named `fieldName`. */
export function findForm(html: string, fieldName: string): HtmlForm | undefined {
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, formAttrs, body] = match;
    const fields: [string, string][] = [];
    for (const input of body.matchAll(/<input\b[^>]*>/gi)) {
      const tag = input[0];
      const name = attr(tag, 'name');
      const type = (attr(tag, 'type') ?? 'text').toLowerCase();
      if (!name || ['submit', 'button', 'file', 'reset'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/i.test(tag)) continue;
      fields.push([name, attr(tag, 'value') ?? (type === 'checkbox' ? 'on' : '')]);
    }
    for (const area of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const name = attr(area[1], 'name');
      if (name) fields.push([name, decode(area[2]).replace(/^\n/, '')]);
    }
    for (const select of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const name = attr(select[1], 'name');
      if (!name) continue;
      const options = [...select[2].matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/gi)];
      const chosen = options.find((o) => /\sselected\b/i.test(o[1])) ?? options[0];
      if (chosen) fields.push([name, attr(chosen[1], 'value') ?? decode(chosen[2]).trim()]);
    }
    if (fields.some(([name]) => name === fieldName)) {
      return { action: attr(formAttrs, 'action') ?? '', method: (attr(formAttrs, 'method') ?? 'get').toLowerCase(), fields };
    }
  }
  return undefined;
}

/** The form's fields with `changes` applied (a changed field replaces every field of that name). */
export function fillForm(form: HtmlForm, changes: Record<string, string>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of form.fields) if (!(name in changes)) body.append(name, value);
  for (const [name, value] of Object.entries(changes)) body.append(name, value);
  return body;
}
