import type { Department } from '../../store/schemas.js';
import type { CallContext, Decision, DialTarget } from './decision.js';
import { speakTemplate } from './templates.js';
import type { TemplateValues } from '../../rules/templates.js';

/**
 * A transfer: the `transfer` template, then <Dial> the department's own number, or the
 * store's number followed by its extension as digits ("ww" waits a second for the line).
 */
export function transferToDepartment(department: Department, ctx: CallContext, values: TemplateValues): Decision {
  const line = department.phoneNumber
    ? { number: department.phoneNumber }
    : { number: ctx.storeInfo.phone, sendDigits: `ww${department.extension}` };
  const target: DialTarget = { kind: 'department', name: department.name, departmentId: department.id, extension: department.extension, ...line };
  return {
    intent: 'department',
    say: [speakTemplate(ctx.templates, 'transfer', { ...values, department: department.name })],
    next: { kind: 'dial', target },
    failed: false,
    department: { id: department.id, name: department.name },
  };
}

/** "Operator", "a real person", 0, and every last resort: the store's number and the operator extension. */
export function transferToOperator(ctx: Pick<CallContext, 'storeInfo' | 'settings' | 'templates'>, values: TemplateValues, before: string[]): Decision {
  const extension = ctx.settings.operatorExtension;
  return {
    intent: 'operator',
    say: [...before, speakTemplate(ctx.templates, 'operator', { ...values, department: 'a team member' })],
    next: { kind: 'dial', target: { kind: 'operator', name: 'Operator', extension, number: ctx.storeInfo.phone, sendDigits: `ww${extension}` } },
    failed: false,
  };
}
