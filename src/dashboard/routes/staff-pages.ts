import { Router, type Request, type Response } from 'express';
import { AppError, isAppError } from '../../shared/app-error.js';
import { requireRole } from '../auth/require-login.js';
import { MIN_PASSWORD_LENGTH, staffApi } from '../auth/staff-service.js';
import { formValues, parseForm, type FieldSpec, type FormValues } from '../forms/fields.js';
import { formFailure, noFailure, type FormFailure } from '../forms/form-failure.js';
import { flash } from './page-helpers.js';

const roleOptions = [
  { value: 'staff', label: 'Staff (inventory, coupons, voice templates)' },
  { value: 'admin', label: 'Admin (everything, including staff, settings and restore)' },
];

export const addFields: FieldSpec[] = [
  { name: 'username', label: 'Username', kind: 'text' },
  { name: 'name', label: 'Full name', kind: 'text', optional: true },
  { name: 'role', label: 'Role', kind: 'select', options: roleOptions },
  { name: 'password', label: 'First password', kind: 'password', help: `At least ${MIN_PASSWORD_LENGTH} characters. Tell it to them in person.` },
];
const editFields: FieldSpec[] = [
  { name: 'name', label: 'Full name', kind: 'text', optional: true },
  { name: 'role', label: 'Role', kind: 'select', options: roleOptions },
  { name: 'active', label: 'Active (can log in)', kind: 'checkbox' },
];
const resetFields: FieldSpec[] = [{ name: 'password', label: 'New password', kind: 'password', help: `At least ${MIN_PASSWORD_LENGTH} characters.` }];

/**
 * Staff logins are managed here, by admins only, through the voice service's API. There is
 * no delete: deactivating keeps the audit trail's names meaningful.
 */
export function staffPages(): Router {
  const router = Router();
  router.use(requireRole('admin'));

  async function renderList(req: Request, res: Response, values: FormValues, failure: FormFailure = noFailure(), status = 200) {
    res.status(status).render('staff-list', { title: 'Staff', people: await staffApi.list(req.api), fields: addFields, values, failure, me: req.staff!.id });
  }

  async function renderEdit(req: Request, res: Response, id: string, forms: { edit?: FormValues; editFailure?: FormFailure; resetFailure?: FormFailure }, status = 200) {
    const person = await staffApi.find(req.api, id);
    res.status(status).render('staff-edit', {
      title: `Staff: ${person.username}`,
      person: { id: person.id, username: person.username, name: person.name, role: person.role, active: person.active },
      editFields,
      resetFields,
      values: forms.edit ?? formValues(editFields, person),
      editFailure: forms.editFailure ?? noFailure(),
      resetFailure: forms.resetFailure ?? noFailure(),
    });
  }

  router.get('/', (req, res) => renderList(req, res, { role: 'staff' }));

  router.post('/', async (req, res) => {
    const form = parseForm(addFields, req.body, 'create');
    try {
      const added = await staffApi.add(req.api, {
        username: String(form.data.username ?? ''),
        name: String(form.data.name ?? ''),
        role: String(form.data.role ?? ''),
        password: String(form.data.password ?? ''),
      });
      flash(req, 'ok', `Added ${added.username}. They can log in now.`);
      res.redirect(303, '/staff');
    } catch (error) {
      await renderList(req, res, { ...form.values, password: '' }, formFailure(error, addFields.map((f) => f.name)), (error as AppError).status);
    }
  });

  router.get('/:id', (req, res) => renderEdit(req, res, String(req.params.id), {}));

  router.post('/:id', async (req, res) => {
    const form = parseForm(editFields, req.body, 'update');
    try {
      await staffApi.change(req.api, String(req.params.id), { name: String(form.values.name).trim(), role: String(form.values.role), active: form.values.active === true });
      flash(req, 'ok', 'Saved.');
      res.redirect(303, '/staff');
    } catch (error) {
      if (isAppError(error) && error.code === 'not_found') throw error;
      await renderEdit(req, res, String(req.params.id), { edit: form.values, editFailure: formFailure(error, editFields.map((f) => f.name)) }, (error as AppError).status);
    }
  });

  router.post('/:id/password', async (req, res) => {
    try {
      await staffApi.resetPassword(req.api, String(req.params.id), String(req.body?.password ?? ''));
      flash(req, 'ok', 'The password was reset. Tell the new password to its owner in person.');
      res.redirect(303, `/staff/${encodeURIComponent(String(req.params.id))}`);
    } catch (error) {
      if (isAppError(error) && error.code === 'not_found') throw error;
      await renderEdit(req, res, String(req.params.id), { resetFailure: formFailure(error, ['password']) }, (error as AppError).status);
    }
  });

  return router;
}

/** Any logged-in user: change their own password, proving the current one. */
export function accountPage(): Router {
  const router = Router();
  const render = (req: Request, res: Response, failure: FormFailure = noFailure(), status = 200) =>
    res.status(status).render('account', { title: 'My account', person: { username: req.staff!.username, name: req.staff!.name, role: req.staff!.role }, failure });

  router.get('/', (req, res) => render(req, res));

  router.post('/password', async (req, res) => {
    const current = String(req.body?.currentPassword ?? '');
    const next = String(req.body?.newPassword ?? '');
    try {
      if (next !== String(req.body?.confirmPassword ?? '')) {
        throw new AppError('validation_failed', 'The two new passwords differ', 400, [{ path: 'confirmPassword', message: 'does not match the new password' }]);
      }
      await staffApi.changeOwnPassword(req.api, req.staff!.id, current, next);
      flash(req, 'ok', 'Your password was changed.');
      res.redirect(303, '/account');
    } catch (error) {
      render(req, res, formFailure(error, ['currentPassword', 'newPassword', 'confirmPassword']), (error as AppError).status);
    }
  });

  return router;
}
