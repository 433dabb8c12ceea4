/** The pages of the admin environment, by path. The menus link to these paths. */
export type AdminRoute =
  | { page: 'pin-login' }
  | { page: 'users' }
  | { page: 'user-new' }
  | { page: 'user-edit'; userId: string }
  | { page: 'device'; deviceId: string }
  | { page: 'audit' }
  | { page: 'passkeys' }
  | { page: 'settings' }
  | { page: 'not-found' };

export const ADMIN_PATHS = {
  pinLogin: '/admin/pin-login',
  users: '/admin/users',
  newUser: '/admin/users/new',
  user: (id: string) => `/admin/users/${encodeURIComponent(id)}`,
  device: (id: string) => `/admin/devices/${encodeURIComponent(id)}`,
  audit: '/admin/audit',
  passkeys: '/admin/passkeys',
  settings: '/settings/pin-login',
} as const;

export function adminRoute(path: string): AdminRoute {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  switch (clean) {
    case ADMIN_PATHS.pinLogin:
      return { page: 'pin-login' };
    case ADMIN_PATHS.users:
      return { page: 'users' };
    case ADMIN_PATHS.newUser:
      return { page: 'user-new' };
    case ADMIN_PATHS.audit:
      return { page: 'audit' };
    case ADMIN_PATHS.passkeys:
      return { page: 'passkeys' };
    case '/settings':
    case ADMIN_PATHS.settings:
      return { page: 'settings' };
  }
  const match = /^\/admin\/(users|devices)\/([^/]+)$/.exec(clean);
  if (match?.[2]) {
    try {
      const id = decodeURIComponent(match[2]);
      return match[1] === 'users' ? { page: 'user-edit', userId: id } : { page: 'device', deviceId: id };
    } catch {
      return { page: 'not-found' };
    }
  }
  return { page: 'not-found' };
}
