import type { RegisterRoutes } from '../deps.js';

export const registerHealthRoutes: RegisterRoutes = (app, { store }) => {
  app.get('/api/health', (_req, res) => {
    const s = store.stats();
    res.json({ status: 'ok', concepts: s.concepts, terms: s.terms, documents: s.documents });
  });
  app.get('/api/stats', (_req, res) => {
    res.json(store.stats());
  });
};
