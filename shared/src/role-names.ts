/**
 * The roles, without their schema: the access rules need only the names, and the register loads
 * those rules at start without zod (the schema, `Role`, is in roles.ts).
 */
export const ROLES = ['admin', 'manager', 'cashier'] as const;
