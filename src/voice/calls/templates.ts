import type { VoiceTemplate } from '../../store/schemas.js';
import { DEFAULT_TEMPLATE_TEXTS, renderTemplate, type TemplateValues } from '../../rules/templates.js';

/** The newest (last listed) active template for `key`, else the built-in text (the sample store's). */
export function templateText(templates: readonly VoiceTemplate[], key: string): string {
  for (let i = templates.length - 1; i >= 0; i--) {
    const template = templates[i];
    if (template.key === key && template.active) return template.text;
  }
  return (DEFAULT_TEMPLATE_TEXTS as Record<string, string>)[key] ?? '';
}

export function speakTemplate(templates: readonly VoiceTemplate[], key: string, values: TemplateValues): string {
  return renderTemplate(templateText(templates, key), values);
}
