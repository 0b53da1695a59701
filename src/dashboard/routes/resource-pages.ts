import { Router, type Request, type Response } from 'express';
import { isAppError, type AppError } from '../../shared/app-error.js';
import type { Staff } from '../../store/index.js';
import { requireRole } from '../auth/require-login.js';
import { formValues, parseForm, type FieldSpec, type FormValues } from '../forms/fields.js';
import { formFailure, noFailure, type FormFailure } from '../forms/form-failure.js';
import { asList, flash } from './page-helpers.js';

export interface Column {
  label: string;
  value: (record: Record<string, unknown>) => string;
  /** This column links to the record's edit page. */
  link?: boolean;
  /** Shown in a smaller, muted style (secondary detail). */
  muted?: boolean;
}

export interface ResourcePageConfig {
  /** The page's URL, and the API path under /api. */
  path: string;
  apiPath: string;
  title: string;
  singular: string;
  /** For counts ("73 products"); the title in lower case when not given. */
  plural?: string;
  intro?: string;
  editRoles: Staff['role'][];
  fields: (req: Request) => Promise<FieldSpec[]>;
  columns: (req: Request) => Promise<Column[]>;
  defaults?: Record<string, unknown>;
  label: (record: Record<string, unknown>) => string;
  /** GET /api/<resource> takes ?q=&page=&pageSize= (inventory). */
  paged?: boolean;
  /** Extra links above the list (CSV import/export). */
  listActions?: { href: string; label: string }[];
  /** A checkbox on the delete form, sent as ?name=true (departments: unassignProducts). */
  deleteOption?: { name: string; label: string };
  /** What the form's text would sound like (voice templates). */
  preview?: (req: Request, values: FormValues) => Promise<unknown>;
}

const PAGE_SIZE = 25;
const idOf = (req: Request) => String(req.params.id);

/**
 * List, add, edit and delete pages for one API resource. Routes stay thin: parse the form,
 * call the API, and either redirect with a message or show the form again with what was typed
 * and the API's message next to each field.
 */
export function createResourcePages(config: ResourcePageConfig): Router {
  const router = Router();
  const canEdit = requireRole(...config.editRoles);
  const apiPathOf = (id: string) => `${config.apiPath}/${encodeURIComponent(id)}`;

  async function renderForm(req: Request, res: Response, options: { id?: string; values: FormValues; failure?: FormFailure; status?: number; preview?: unknown }) {
    const fields = await config.fields(req);
    const failure = options.failure ?? noFailure();
    res.status(options.status ?? 200).render('resource-form', {
      title: options.id ? `Edit ${config.singular}` : `Add ${config.singular}`,
      resource: config,
      id: options.id ?? null,
      action: options.id ? `${config.path}/${encodeURIComponent(options.id)}` : config.path,
      fields,
      values: options.values,
      failure,
      canEdit: config.editRoles.includes(req.staff!.role),
      preview: options.preview ?? (config.preview ? await config.preview(req, options.values) : null),
    });
  }

  router.get('/', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : '';
    const page = Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1);
    const result = config.paged
      ? await req.api.get<unknown>(config.apiPath, { ...(q ? { q } : {}), page, pageSize: PAGE_SIZE })
      : await req.api.get<unknown>(config.apiPath);
    const items = asList<Record<string, unknown>>(result);
    const paging = config.paged ? pagingOf(result, page, items.length) : null;
    res.render('resource-list', {
      title: config.title,
      resource: config,
      items,
      columns: await config.columns(req),
      q,
      paging,
      canEdit: config.editRoles.includes(req.staff!.role),
    });
  });

  router.get('/new', canEdit, async (req, res) => {
    const fields = await config.fields(req);
    await renderForm(req, res, { values: formValues(fields, config.defaults ?? {}) });
  });

  router.post('/', canEdit, async (req, res) => {
    const fields = await config.fields(req);
    const form = parseForm(fields, req.body, 'create');
    if (config.preview && req.body?.intent === 'preview') return renderForm(req, res, { values: form.values });
    if (Object.keys(form.errors).length > 0) {
      return renderForm(req, res, { values: form.values, status: 400, failure: { banner: 'Please correct the fields marked below; nothing was saved.', errors: form.errors, other: [] } });
    }
    try {
      const created = await req.api.post<Record<string, unknown>>(config.apiPath, form.data);
      flash(req, 'ok', `Added ${config.singular} "${config.label(created)}".`);
      res.redirect(303, config.path);
    } catch (error) {
      const failure = formFailure(error, fields.map((f) => f.name));
      await renderForm(req, res, { values: form.values, failure, status: (error as AppError).status });
    }
  });

  router.get('/:id', async (req, res) => {
    const record = await req.api.get<Record<string, unknown>>(apiPathOf(idOf(req)));
    const fields = await config.fields(req);
    await renderForm(req, res, { id: idOf(req), values: formValues(fields, record) });
  });

  router.post('/:id', canEdit, async (req, res) => {
    const fields = await config.fields(req);
    const form = parseForm(fields, req.body, 'update');
    if (config.preview && req.body?.intent === 'preview') {
      return renderForm(req, res, { id: idOf(req), values: form.values });
    }
    if (Object.keys(form.errors).length > 0) {
      return renderForm(req, res, { id: idOf(req), values: form.values, status: 400, failure: { banner: 'Please correct the fields marked below; nothing was saved.', errors: form.errors, other: [] } });
    }
    try {
      const saved = await req.api.put<Record<string, unknown>>(apiPathOf(idOf(req)), form.data);
      flash(req, 'ok', `Saved ${config.singular} "${config.label(saved)}".`);
      res.redirect(303, config.path);
    } catch (error) {
      const failure = formFailure(error, fields.map((f) => f.name));
      await renderForm(req, res, { id: idOf(req), values: form.values, failure, status: (error as AppError).status });
    }
  });

  router.post('/:id/delete', canEdit, async (req, res) => {
    const option = config.deleteOption && req.body?.[config.deleteOption.name] === 'on' ? `?${config.deleteOption.name}=true` : '';
    try {
      await req.api.delete(`${apiPathOf(idOf(req))}${option}`);
      flash(req, 'ok', `Deleted the ${config.singular}.`);
      res.redirect(303, config.path);
    } catch (error) {
      // Refused (e.g. a department still used by products) or already gone: say why where the person was.
      if (!isAppError(error) || (error.status !== 409 && error.status !== 404)) throw error;
      flash(req, 'error', `Not deleted: ${error.message}`);
      res.redirect(303, error.status === 404 ? config.path : `${config.path}/${encodeURIComponent(idOf(req))}`);
    }
  });

  return router;
}

function pagingOf(result: unknown, page: number, count: number) {
  const r = result as { total?: number; pageSize?: number; page?: number };
  const total = typeof r.total === 'number' ? r.total : count;
  const pageSize = typeof r.pageSize === 'number' && r.pageSize > 0 ? r.pageSize : PAGE_SIZE;
  const current = typeof r.page === 'number' ? r.page : page;
  return { page: current, pageSize, total, pages: Math.max(1, Math.ceil(total / pageSize)) };
}
