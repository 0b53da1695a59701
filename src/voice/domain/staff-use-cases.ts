import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { z } from 'zod';
import { AppError } from '../../shared/app-error.js';
import { DEFAULT_ADMIN, Staff } from '../../store/index.js';
import { auditIn, changedFields, recordEvent } from './audit.js';
import type { UseCaseContext } from './context.js';
import { notFound, parseWith } from './validate.js';

/**
 * Staff logins: who may use the dashboard. The dashboard asks for every change through the
 * API, like any other data; password hashes never leave this service.
 */

export const BCRYPT_COST = 11;
export const MIN_PASSWORD_LENGTH = 8;

export type PublicStaff = Omit<Staff, 'passwordHash'>;
export const toPublic = ({ passwordHash: _hash, ...rest }: Staff): PublicStaff => rest;

// Compared against when the username is unknown, so a wrong username takes as long as a wrong password.
const DUMMY_HASH = bcrypt.hashSync(randomBytes(16).toString('hex'), BCRYPT_COST);

const Password = z.string({ message: 'is required' }).max(200, 'must be at most 200 characters');
const NewStaff = z.strictObject({
  username: Staff.shape.username,
  name: Staff.shape.name,
  role: Staff.shape.role,
  password: Password,
});
const StaffPatch = z.strictObject({ name: Staff.shape.name.optional(), role: Staff.shape.role.optional(), active: Staff.shape.active.optional() });
const PasswordReset = z.strictObject({ password: Password });
const PasswordChange = z.strictObject({ currentPassword: Password, newPassword: Password });
const Credentials = z.strictObject({ username: z.string().max(100).default(''), password: z.string().max(200).default('') });

export async function listStaff(ctx: UseCaseContext): Promise<PublicStaff[]> {
  return (await ctx.store.staff.all()).map(toPublic);
}

export async function getStaff(ctx: UseCaseContext, id: string): Promise<PublicStaff> {
  const found = await ctx.store.staff.get(id);
  if (!found) throw notFound('staff member', id);
  return toPublic(found);
}

export async function addStaff(ctx: UseCaseContext, input: unknown): Promise<PublicStaff> {
  const { password, ...fields } = parseWith(NewStaff, input, 'staff member');
  checkPassword(password, 'password');
  const record = parseWith(Staff, { ...fields, id: `staff-${randomBytes(6).toString('hex')}`, passwordHash: await bcrypt.hash(password, BCRYPT_COST), active: true }, 'staff member');
  await ctx.store.transaction(async (tx) => {
    await tx.staff.insert(record);
    auditIn(tx, ctx, { action: 'create', collection: 'staff', id: record.id, changes: ['active', 'name', 'role', 'username'], summary: `added ${record.username} (${record.role})` });
  });
  return toPublic(record);
}

/** Name, role, active. The last active admin cannot lose the role or be deactivated: someone must be able to manage staff. */
export async function changeStaff(ctx: UseCaseContext, id: string, input: unknown): Promise<PublicStaff> {
  const patch = parseWith(StaffPatch, input, 'staff member');
  return ctx.store.transaction(async (tx) => {
    const before = await tx.staff.get(id);
    if (!before) throw notFound('staff member', id);
    const after: Staff = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    const all = await tx.staff.all();
    if (!all.some((s) => (s.id === id ? after : s).role === 'admin' && (s.id === id ? after : s).active)) {
      throw new AppError('last_admin', 'At least one active admin must remain', 409, [
        { path: before.role === 'admin' && after.role !== 'admin' ? 'role' : 'active', message: 'at least one active admin must remain' },
      ]);
    }
    const changes = changedFields(before, after);
    if (changes.length === 0) return toPublic(before);
    await tx.staff.update(after);
    auditIn(tx, ctx, { action: 'update', collection: 'staff', id, changes, summary: `changed ${changes.join(', ')}` });
    return toPublic(after);
  });
}

/** An admin sets someone's password. */
export async function resetPassword(ctx: UseCaseContext, id: string, input: unknown): Promise<void> {
  const { password } = parseWith(PasswordReset, input, 'password');
  checkPassword(password, 'password');
  await setPasswordHash(ctx, id, await bcrypt.hash(password, BCRYPT_COST), 'password reset by an admin');
}

/** Someone changes their own password: they must know the current one. */
export async function changeOwnPassword(ctx: UseCaseContext, id: string, input: unknown): Promise<void> {
  const { currentPassword, newPassword } = parseWith(PasswordChange, input, 'password');
  const me = await ctx.store.staff.get(id);
  if (!me) throw notFound('staff member', id);
  if (!(await bcrypt.compare(currentPassword, me.passwordHash))) {
    throw new AppError('wrong_password', 'The current password is not right', 400, [{ path: 'currentPassword', message: 'is not right' }]);
  }
  checkPassword(newPassword, 'newPassword');
  if (newPassword === currentPassword) {
    throw new AppError('validation_failed', 'The new password must differ from the current one', 400, [{ path: 'newPassword', message: 'must differ from the current password' }]);
  }
  await setPasswordHash(ctx, id, await bcrypt.hash(newPassword, BCRYPT_COST), 'changed own password');
}

async function setPasswordHash(ctx: UseCaseContext, id: string, passwordHash: string, summary: string): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const staff = await tx.staff.get(id);
    if (!staff) throw notFound('staff member', id);
    await tx.staff.update({ ...staff, passwordHash });
    auditIn(tx, ctx, { action: 'password', collection: 'staff', id, changes: ['passwordHash'], summary });
  });
}

/**
 * The staff member for these credentials; otherwise 401 with nothing more than "invalid
 * username or password". Both a login and a failed attempt are written to the audit log.
 */
export async function verifyLogin(ctx: UseCaseContext, input: unknown): Promise<PublicStaff> {
  const { username, password } = parseWith(Credentials, input, 'login');
  const wanted = username.trim().toLowerCase();
  const user = wanted ? await ctx.store.staff.findBy('username', wanted) : undefined;
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!ok || !user?.active || password === '') {
    await recordEvent({ ...ctx, actor: username.trim().slice(0, 40) || '(no username)' }, { action: 'login_failed', collection: 'staff', ...(user ? { id: user.id } : {}), changes: [] });
    throw new AppError('invalid_login', 'Invalid username or password.', 401);
  }
  await recordEvent({ ...ctx, actor: user.username }, { action: 'login', collection: 'staff', id: user.id, changes: [] });
  return toPublic(user);
}

export async function recordLogout(ctx: UseCaseContext, id: string): Promise<void> {
  const user = await ctx.store.staff.get(id);
  if (!user) throw notFound('staff member', id);
  await recordEvent({ ...ctx, actor: user.username }, { action: 'logout', collection: 'staff', id, changes: [] });
}

/** bcrypt is slow on purpose: the answer is remembered per hash. */
const defaultPasswordAnswers = new Map<string, boolean>();

/** True while the admin account still has the well-known first password (the dashboard warns). */
export async function defaultPasswordInUse(ctx: UseCaseContext): Promise<boolean> {
  const admin = await ctx.store.staff.findBy('username', DEFAULT_ADMIN.username);
  if (!admin?.active) return false;
  let answer = defaultPasswordAnswers.get(admin.passwordHash);
  if (answer === undefined) {
    answer = await bcrypt.compare(DEFAULT_ADMIN.password, admin.passwordHash);
    defaultPasswordAnswers.clear();
    defaultPasswordAnswers.set(admin.passwordHash, answer);
  }
  return answer;
}

function checkPassword(password: string, field: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('validation_failed', `The password must be at least ${MIN_PASSWORD_LENGTH} characters`, 400, [
      { path: field, message: `must be at least ${MIN_PASSWORD_LENGTH} characters` },
    ]);
  }
  if (password === DEFAULT_ADMIN.password) {
    throw new AppError('validation_failed', 'That is the well-known default password; choose another', 400, [{ path: field, message: 'is the well-known default password' }]);
  }
}
