// Import rules of TermDesk (npm run depcheck). The layers of docs/ARCHITECTURE.md, lowest first:
//
//   domain/ (and paths.ts)  ←  io/  ←  store/, formats/  ←  reference/  ←  extract/ search/ check/ tm/ exchange/ review/
//                                                                         ←  setup.ts, review-sources.ts  ←  server/, cli/
//
// A module imports its own folder and the layers below it, never a layer above, never a sibling
// feature, never a cycle. Type-only imports count: a type is a dependency too.
const BELOW = {
  domain: ['domain'],
  io: ['domain', 'io'],
  store: ['domain', 'io', 'store'],
  formats: ['domain', 'io', 'formats'],
  reference: ['domain', 'io', 'store', 'formats', 'reference'],
};
const FEATURES = ['extract', 'search', 'check', 'tm', 'exchange', 'review'];
const FEATURE_BASE = ['domain', 'io', 'store', 'formats', 'reference'];

const folders = (names) => `^src/(${names.join('|')})/|^src/paths\\.ts$`;

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other cannot be understood, tested or moved one at a time.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...Object.entries(BELOW).map(([layer, allowed]) => ({
      name: `${layer}-imports-downwards`,
      severity: 'error',
      comment: `src/${layer}/ may import only ${allowed.join(', ')} (and paths.ts).`,
      from: { path: `^src/${layer}/` },
      to: { path: '^src/', pathNot: folders(allowed) },
    })),
    {
      name: 'features-import-downwards',
      severity: 'error',
      comment: `A feature (${FEATURES.join(', ')}) imports its own folder and ${FEATURE_BASE.join(', ')}; never another feature, setup, server or cli. What two features share lives in a lower layer.`,
      from: { path: `^src/(${FEATURES.join('|')})/` },
      to: { path: '^src/', pathNot: `${folders(FEATURE_BASE)}|^src/$1/` },
    },
    {
      name: 'setup-below-entry-points',
      severity: 'error',
      comment: 'setup.ts and review-sources.ts compose the layers below them; server/ and cli/ build on them.',
      from: { path: '^src/(setup|review-sources)\\.ts$' },
      to: { path: '^src/(server|cli)/' },
    },
    {
      name: 'server-not-cli',
      severity: 'error',
      comment: 'The server does not reach into the command line (the CLI may start the server).',
      from: { path: '^src/server/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'routes-import-downwards',
      severity: 'error',
      comment: 'Routes and pages import deps.ts, access.ts, errors.ts, upload.ts and pages, never the app that mounts them.',
      from: { path: '^src/server/(routes|pages)/' },
      to: { path: '^src/server/(app|start)\\.ts$|^src/server/routes/index\\.ts$' },
    },
    {
      name: 'pages-not-routes',
      severity: 'error',
      comment: 'Pages render; routes call them, not the other way round.',
      from: { path: '^src/server/pages/' },
      to: { path: '^src/server/routes/' },
    },
    {
      name: 'src-not-tooling',
      severity: 'error',
      comment: 'The program does not import tests or benchmarks.',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment: 'What the program imports must be a dependency, not a devDependency (npm ci --omit=dev would lose it).',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|var)/' },
    tsPreCompilationDeps: true,
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
    // Package subpaths (opencc-js/t2cn) resolve through their "exports", as Node resolves an import.
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'], exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
