import type { Staff } from '../../store/index.js';
import type { VoiceApi } from '../voice-api-client.js';

/** What a session remembers about who is logged in; the record is re-read on every request while the voice service answers. */
export interface SessionUser {
  id: string;
  username: string;
  role: PublicStaff['role'];
  name: string;
}

export type PublicStaff = Omit<Staff, 'passwordHash'>;

export const MIN_PASSWORD_LENGTH = 8;

const staffPath = (id: string) => `/staff/${encodeURIComponent(id)}`;

/**
 * Staff logins, through the voice service's API like all store data: it keeps the password
 * hashes (the dashboard never sees one) and writes the audit log. `api` speaks for the person
 * acting (a logged-in user, or the one trying to log in).
 */
export const staffApi = {
  find: (api: VoiceApi, id: string) => api.get<PublicStaff>(staffPath(id)),
  list: (api: VoiceApi) => api.get<PublicStaff[]>('/staff'),
  /** The staff member for these credentials; a 401 AppError otherwise. */
  verifyLogin: (api: VoiceApi, username: string, password: string) => api.post<PublicStaff>('/auth/login', { username, password }),
  recordLogout: (api: VoiceApi, user: SessionUser) => api.post<void>('/auth/logout', { id: user.id }),
  add: (api: VoiceApi, input: { username: string; name: string; role: string; password: string }) => api.post<PublicStaff>('/staff', input),
  change: (api: VoiceApi, id: string, patch: { name: string; role: string; active: boolean }) => api.put<PublicStaff>(staffPath(id), patch),
  resetPassword: (api: VoiceApi, id: string, password: string) => api.put<void>(`${staffPath(id)}/password`, { password }),
  changeOwnPassword: (api: VoiceApi, id: string, currentPassword: string, newPassword: string) =>
    api.post<void>(`${staffPath(id)}/password-change`, { currentPassword, newPassword }),
  adminHasDefaultPassword: async (api: VoiceApi) => (await api.get<{ inUse: boolean }>('/auth/default-password')).inUse,
};
