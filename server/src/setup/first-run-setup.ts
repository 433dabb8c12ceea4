import { createHash, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FirstRunSetupRequest } from '@tapin/shared';
import type { DB, Organisation, User } from '../db/schema.js';
import { DomainError } from '../errors/domain-error.js';
import { anyOrganisationExists } from '../organisation/organisation-repository.js';
import { createOrganisation, setupAlreadyDone } from './create-organisation.js';

/**
 * First-run setup from the browser. Until an organisation exists anyone who reaches the server
 * could claim it, so a request from elsewhere than localhost must carry the token the server
 * printed at start.
 */
export async function firstRunSetup(
  db: Kysely<DB>,
  c: { request: FirstRunSetupRequest; setupToken: string; fromLocalhost: boolean; now: number },
): Promise<{ organisation: Organisation; admin: User }> {
  // A server that is set up answers at once, before any password is hashed.
  if (await anyOrganisationExists(db)) throw setupAlreadyDone();
  const { setupToken, ...input } = c.request;
  if (!c.fromLocalhost && !sameToken(setupToken, c.setupToken)) {
    throw new DomainError(
      'setup_token_required',
      'Enter the setup token that Tapin printed in its log when it started',
      { field: 'setupToken' },
    );
  }
  return createOrganisation(db, input, c.now, { onlyIfEmpty: true });
}

/** Compares digests, so the time taken says nothing about how much of the token was right. */
function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given.trim()), digest(expected));
}
