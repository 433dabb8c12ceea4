import { createHmac } from 'node:crypto';

/**
 * The stored form of a PIN. Five digits give only 100,000 values, so a slow salted hash per user
 * would add no strength and make "whose PIN is this" cost one hash per user. A keyed HMAC, with a
 * pepper that never enters the database, is one lookup and useless to someone who only has a copy
 * of the database.
 */
export function pinHmac(pepper: Buffer, organisationId: string, pin: string): string {
  return createHmac('sha256', pepper).update(organisationId).update('\0').update(pin).digest('hex');
}
