import * as z from 'zod/mini';

export const LOGIN_METHODS = ['password', 'password_and_pin', 'pin_only'] as const;
export const LoginMethod = z.enum(LOGIN_METHODS);
export type LoginMethod = z.infer<typeof LoginMethod>;

/** Labels exactly as the help article names them under "Login method". */
export const LOGIN_METHOD_LABELS: Record<LoginMethod, string> = {
  password: 'Password',
  password_and_pin: 'Password and PIN',
  pin_only: 'PIN only',
};
