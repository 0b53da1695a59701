import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { AppError } from '../../shared/app-error.js';
import { DEFAULT_ADMIN, type JsonStore, type Staff } from '../../store/index.js';

export const BCRYPT_COST = 11;
export const MIN_PASSWORD_LENGTH = 8;

/** What a session remembers about who is logged in; role and active are re-read on every request. */
export interface SessionUser {
  id: string;
  username: string;
}

export type PublicStaff = Omit<Staff, 'passwordHash'>;

export const toPublic = ({ passwordHash: _hash, ...rest }: Staff): PublicStaff => rest;

// Compared against when the username is unknown, so a wrong username takes as long as a wrong password.
const DUMMY_HASH = bcrypt.hashSync(randomBytes(16).toString('hex'), BCRYPT_COST);

/**
 * Staff accounts live in the store module (they are not part of the voice API). Every change
 * here is validated by the store's Staff schema and written to the audit log with the actor.
 */
export function createStaffService(store: JsonStore, clock: () => Date = () => new Date()) {
  const audit = (actor: string, action: string, id: string, changes: string[], summary: string) =>
    store.append('audit', { at: clock().toISOString(), actor, action, collection: 'staff', id, changes, summary });

  async function find(id: string): Promise<Staff | undefined> {
    return (await store.read('staff')).find((s) => s.id === id);
  }

  async function mustFind(id: string): Promise<Staff> {
    const found = await find(id);
    if (!found) throw new AppError('not_found', 'No such staff member', 404);
    return found;
  }

  return {
    find,
    mustFind,

    async list(): Promise<PublicStaff[]> {
      return (await store.read('staff')).map(toPublic);
    },

    /** The staff member for these credentials, or undefined: the caller says only "invalid username or password". */
    async verifyLogin(username: string, password: string): Promise<Staff | undefined> {
      const wanted = username.trim().toLowerCase();
      const user = (await store.read('staff')).find((s) => s.username.toLowerCase() === wanted);
      const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
      return ok && user?.active ? user : undefined;
    },

    async add(actor: string, input: { username: string; name: string; role: string; password: string }): Promise<PublicStaff> {
      checkPassword(input.password, 'password');
      const passwordHash = await bcrypt.hash(input.password, BCRYPT_COST);
      const id = `staff-${randomBytes(6).toString('hex')}`;
      await updateStaff((all) => {
        if (all.some((s) => s.username.toLowerCase() === input.username.trim().toLowerCase())) {
          throw new AppError('duplicate', `The username "${input.username.trim()}" is already taken`, 409, [{ path: 'username', message: 'is already taken' }]);
        }
        return [...all, { id, username: input.username, name: input.name, role: input.role as Staff['role'], passwordHash, active: true }];
      });
      await audit(actor, 'create', id, ['username', 'name', 'role', 'active'], `added ${input.username.trim()} (${input.role})`);
      return toPublic(await mustFind(id));
    },

    /** Name, role, active. The last active admin cannot lose the role or be deactivated: someone must be able to manage staff. */
    async change(actor: string, id: string, patch: { name: string; role: string; active: boolean }): Promise<void> {
      let changes: string[] = [];
      await updateStaff((all) => {
        const index = all.findIndex((s) => s.id === id);
        if (index < 0) throw new AppError('not_found', 'No such staff member', 404);
        const before = all[index];
        const after = { ...before, name: patch.name, role: patch.role as Staff['role'], active: patch.active };
        const adminsLeft = all.map((s, i) => (i === index ? after : s)).filter((s) => s.role === 'admin' && s.active);
        if (adminsLeft.length === 0) {
          throw new AppError('last_admin', 'At least one active admin must remain', 409, [
            { path: before.role === 'admin' && patch.role !== 'admin' ? 'role' : 'active', message: 'at least one active admin must remain' },
          ]);
        }
        changes = (['name', 'role', 'active'] as const).filter((k) => before[k] !== after[k]);
        return all.map((s, i) => (i === index ? after : s));
      });
      if (changes.length > 0) await audit(actor, 'update', id, changes, `changed ${changes.join(', ')}`);
    },

    async resetPassword(actor: string, id: string, password: string): Promise<void> {
      checkPassword(password, 'password');
      const passwordHash = await bcrypt.hash(password, BCRYPT_COST);
      await setHash(id, passwordHash);
      await audit(actor, 'password', id, ['passwordHash'], 'password reset by an admin');
    },

    async changeOwnPassword(id: string, actor: string, currentPassword: string, newPassword: string): Promise<void> {
      const me = await mustFind(id);
      if (!(await bcrypt.compare(currentPassword, me.passwordHash))) {
        throw new AppError('wrong_password', 'The current password is not right', 400, [{ path: 'currentPassword', message: 'is not right' }]);
      }
      checkPassword(newPassword, 'newPassword');
      if (newPassword === currentPassword) {
        throw new AppError('validation_failed', 'The new password must differ from the current one', 400, [{ path: 'newPassword', message: 'must differ from the current password' }]);
      }
      await setHash(id, await bcrypt.hash(newPassword, BCRYPT_COST));
      await audit(actor, 'password', id, ['passwordHash'], 'changed own password');
    },
  };

  /** The store names a bad field by its place in the list ("[2].username"); the form knows it as "username". */
  async function updateStaff(fn: (all: readonly Staff[]) => Staff[]): Promise<void> {
    try {
      await store.update('staff', fn);
    } catch (error) {
      if (error instanceof AppError && error.code === 'validation_failed') {
        const details = error.details.map((d) => ({ ...d, path: d.path.replace(/^\[\d+\]\.?/, '') }));
        throw new AppError(error.code, `Not saved: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`, 400, details);
      }
      throw error;
    }
  }

  async function setHash(id: string, passwordHash: string): Promise<void> {
    await updateStaff((all) => {
      if (!all.some((s) => s.id === id)) throw new AppError('not_found', 'No such staff member', 404);
      return all.map((s) => (s.id === id ? { ...s, passwordHash } : s));
    });
  }
}

export type StaffService = ReturnType<typeof createStaffService>;

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

/** The overview warns while admin still has admin123. bcrypt is slow on purpose, so remember the answer per hash. */
export function createDefaultPasswordCheck(store: JsonStore) {
  const answers = new Map<string, boolean>();
  return async function adminHasDefaultPassword(): Promise<boolean> {
    const admin = (await store.read('staff')).find((s) => s.username === DEFAULT_ADMIN.username && s.active);
    if (!admin) return false;
    let answer = answers.get(admin.passwordHash);
    if (answer === undefined) {
      answer = await bcrypt.compare(DEFAULT_ADMIN.password, admin.passwordHash);
      answers.clear();
      answers.set(admin.passwordHash, answer);
    }
    return answer;
  };
}
