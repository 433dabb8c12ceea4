import { Hono } from 'hono';
import type { AppDeps, AppEnv } from './app-deps.js';
import { approvalCodeRoutes } from './approval-codes/approval-code-routes.js';
import { auditRoutes } from './audit/audit-routes.js';
import { authRoutes } from './auth/auth-routes.js';
import { serveClient } from './client-app/serve-client.js';
import { deviceRoutes } from './devices/device-routes.js';
import { DomainError } from './errors/domain-error.js';
import { healthRoutes } from './health/health-routes.js';
import { makeOnError } from './http/on-error.js';
import { requestGuard } from './http/request-guard.js';
import { securityHeaders } from './http/security-headers.js';
import { offlineRoutes } from './offline/offline-routes.js';
import { pinLoginSettingsRoutes } from './organisation/pin-login-settings-routes.js';
import { passkeyLoginRoutes } from './passkeys/passkey-login-routes.js';
import { passkeyRoutes } from './passkeys/passkey-routes.js';
import { passkeyStepUpRoutes } from './passkeys/passkey-step-up-routes.js';
import { pinLoginRoutes } from './pin-login/pin-login-routes.js';
import { loadSession } from './sessions/load-session.js';
import { setupRoutes } from './setup/setup-routes.js';
import { userRoutes } from './users/user-routes.js';

/** Builds the whole app from its dependencies; tests call `app.request()` on the result. */
export function createApp(deps: AppDeps) {
  const api = new Hono<AppEnv>()
    .use(requestGuard({ allowedOrigins: deps.config.allowedOrigins }))
    .use(async (c, next) => {
      // Set before the handler answers, so the response is built once with it.
      c.header('Cache-Control', 'no-store');
      await next();
    })
    .use(loadSession(deps))
    .route('/setup', setupRoutes(deps))
    .route('/auth', authRoutes(deps))
    .route('/auth/passkey', passkeyLoginRoutes(deps))
    .route('/auth/step-up/passkey', passkeyStepUpRoutes(deps))
    .route('/passkeys', passkeyRoutes(deps))
    .route('/organisation/pin-login', pinLoginSettingsRoutes(deps))
    .route('/users', userRoutes(deps))
    .route('/devices', deviceRoutes(deps))
    .route('/approval-codes', approvalCodeRoutes(deps))
    .route('/pin-login', pinLoginRoutes(deps))
    .route('/offline', offlineRoutes(deps))
    .route('/audit', auditRoutes(deps))
    .all('*', () => {
      throw new DomainError('not_found', 'No such endpoint');
    });

  const app = new Hono<AppEnv>();
  app.onError(makeOnError(deps.logger));
  app.use(securityHeaders());
  app.route('/', healthRoutes(deps));
  app.route('/api', api);
  if (deps.config.clientDir) app.route('/', serveClient(deps.config.clientDir));
  return app;
}

export type App = ReturnType<typeof createApp>;
