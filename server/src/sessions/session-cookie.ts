import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_ABSOLUTE_MS } from './session-policy.js';

function cookieName(secure: boolean): string {
  // The __Host- prefix pins the cookie to this exact origin, but browsers accept it only over HTTPS.
  return secure ? '__Host-tapin_session' : 'tapin_session';
}

export function readSessionCookie(c: Context, secure: boolean): string | undefined {
  return getCookie(c, cookieName(secure));
}

export function writeSessionCookie(c: Context, token: string, secure: boolean): void {
  setCookie(c, cookieName(secure), token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure,
    path: '/',
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, cookieName(secure), { path: '/', secure });
}
