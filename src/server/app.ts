// The express app factory: no global state, everything it needs comes in `deps` (deps.ts), so
// the CLI, the tests and the benchmarks build the same app. Security headers here; who may write
// in access.ts; errors and their HTTP statuses in errors.ts; the routes in routes/.
import express from 'express';
import helmet from 'helmet';
import { guardRequests } from './access.js';
import type { AppDeps } from './deps.js';
import { errorHandler } from './errors.js';
import { ROUTES } from './routes/index.js';
import { errorPage } from './pages/layout.js';

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('query parser', 'simple');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
          'object-src': ["'none'"],
          'base-uri': ["'none'"],
          'upgrade-insecure-requests': null,
        },
      },
      crossOriginEmbedderPolicy: false,
      // Not no-referrer: under it browsers send "Origin: null" with our own form posts, and
      // Origin: null is what a sandboxed frame on another site sends (refused, access.ts).
      referrerPolicy: { policy: 'same-origin' },
      strictTransportSecurity: false,
    }),
  );

  // Before any route: a Host this server was not started for, or a proxied request to a server
  // without a token, is refused (access.ts).
  app.use(guardRequests(deps));

  for (const register of ROUTES) register(app, deps);

  app.use('/api', (_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'no such API route' } });
  });
  app.use((_req, res) => {
    res.status(404).type('html').send(errorPage(404, 'There is no page at this address.'));
  });

  app.use(errorHandler);
  return app;
}

