// Every route module registers itself here; app.ts mounts them in this order.
import type { RegisterRoutes } from '../deps.js';
import { registerHealthRoutes } from './health.js';
import { registerConceptRoutes } from './concepts.js';
import { registerUiRoutes } from './ui.js';
import { registerCheckRoutes } from './check.js';
import { registerTmRoutes } from './tm.js';
import { registerCheckPageRoutes } from './ui-check.js';
import { registerTmPageRoutes } from './ui-tm.js';
import { registerExchangeRoutes } from './exchange.js';
import { registerExchangePageRoutes } from './ui-exchange.js';
import { registerReviewRoutes } from './review.js';
import { registerReviewPageRoutes } from './ui-review.js';

export const ROUTES: RegisterRoutes[] = [registerHealthRoutes, registerConceptRoutes, registerUiRoutes, registerCheckRoutes, registerTmRoutes, registerCheckPageRoutes, registerTmPageRoutes, registerExchangeRoutes, registerExchangePageRoutes, registerReviewRoutes, registerReviewPageRoutes];
