import * as z from 'zod/mini';
import { ROLES } from './role-names.js';

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Labels as the help article names them. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  manager: 'Manager',
  cashier: 'Cashier',
};
