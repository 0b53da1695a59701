import { Router, type Request, type Response } from 'express';
import type { AppError } from '../../shared/app-error.js';
import type { Staff } from '../../store/index.js';
import { requireRole } from '../auth/require-login.js';
import { formValues, parseForm, type FieldSpec, type FormValues, type ParsedForm } from '../forms/fields.js';
import { formFailure, noFailure, type FormFailure } from '../forms/form-failure.js';
import { flash } from './page-helpers.js';

export interface SingletonPageConfig {
  path: string;
  apiPath: string;
  title: string;
  intro?: string;
  view: string;
  editRoles: Staff['role'][];
  fields: FieldSpec[];
  /** Record → form strings, when the record does not map one field to one input (hours). */
  toValues?: (record: Record<string, unknown>) => FormValues;
  /** Parsed form → the PUT body. */
  toData?: (form: ParsedForm) => Record<string, unknown>;
}

/** One page with one form for a one-object resource (store info, settings): GET shows it, POST saves with PUT. */
export function createSingletonPage(config: SingletonPageConfig): Router {
  const router = Router();

  function render(req: Request, res: Response, values: FormValues, failure: FormFailure = noFailure(), status = 200) {
    res.status(status).render(config.view, {
      title: config.title,
      page: config,
      fields: config.fields,
      values,
      failure,
      canEdit: config.editRoles.includes(req.staff!.role),
    });
  }

  router.get('/', async (req, res) => {
    const record = await req.api.get<Record<string, unknown>>(config.apiPath);
    render(req, res, config.toValues ? config.toValues(record) : formValues(config.fields, record));
  });

  router.post('/', requireRole(...config.editRoles), async (req, res) => {
    const form = parseForm(config.fields, req.body, 'update');
    if (Object.keys(form.errors).length > 0) {
      return render(req, res, form.values, { banner: 'Please correct the fields marked below; nothing was saved.', errors: form.errors, other: [] }, 400);
    }
    try {
      await req.api.put(config.apiPath, config.toData ? config.toData(form) : form.data);
      flash(req, 'ok', `Saved ${config.title.toLowerCase()}.`);
      res.redirect(303, config.path);
    } catch (error) {
      render(req, res, form.values, formFailure(error, config.fields.map((f) => f.name)), (error as AppError).status);
    }
  });

  return router;
}
