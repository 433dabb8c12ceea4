import type { Organisation, Session, User } from '../db/schema.js';

/** A live session with the user and organisation behind it. */
export interface ActiveSession {
  session: Session;
  user: User;
  organisation: Organisation;
}

/** Who is acting in this request, from where and when: what every domain function is handed. */
export interface Actor extends ActiveSession {
  ip: string | null;
  now: number;
}
