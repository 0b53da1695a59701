import { renderTemplate, type TemplateValues } from '../../shared/render-template.js';
import { DEFAULT_TEMPLATE_TEXTS } from '../../store/sample-data.js';
import type { VoiceTemplate } from '../../store/schemas.js';

/** The newest (last listed) active template for `key`, else the built-in text (the sample store's). */
export function templateText(templates: readonly VoiceTemplate[], key: string): string {
  for (let i = templates.length - 1; i >= 0; i--) {
    const template = templates[i];
    if (template.key === key && template.active) return template.text;
  }
  return DEFAULT_TEMPLATE_TEXTS[key] ?? '';
}

export function speakTemplate(templates: readonly VoiceTemplate[], key: string, values: TemplateValues): string {
  return renderTemplate(templateText(templates, key), values);
}
