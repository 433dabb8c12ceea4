import type { AppDeps } from '../app-deps.js';
import { anyOrganisationExists } from '../organisation/organisation-repository.js';

/**
 * While nobody has set Tapin up, says in the log how to: from a browser on this machine, or from
 * elsewhere with the setup token. The token is the one secret ever logged: it opens nothing but
 * first-run setup, which is closed for good once an organisation exists.
 */
export async function announceSetup(deps: AppDeps): Promise<void> {
  if (await anyOrganisationExists(deps.database.db)) return;
  deps.logger.info('Tapin is not set up yet', {
    open: deps.config.publicOrigin ?? `http://localhost:${deps.config.port}`,
    setupToken: deps.setupToken,
    hint: 'From a browser on this machine no token is needed; from anywhere else, enter the setup token.',
  });
}
