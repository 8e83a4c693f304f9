/** Architecture rules (DESIGN.md, STYLE.md). `npm run depcheck` fails on any violation. */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'core holds pure domain code: no Node built-ins and no packages but zod and @noble/hashes',
      severity: 'error',
      from: { path: '^packages/core/src' },
      to: {
        pathNot: ['^packages/core/src', 'node_modules/(zod|@noble/hashes)/'],
      },
    },
    {
      name: 'core-no-builtins',
      severity: 'error',
      from: { path: '^packages/core/src' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'features-do-not-import-adapters',
      comment: 'hub features depend on ports; only main.ts names concrete technologies',
      severity: 'error',
      from: { path: '^packages/hub/src/features' },
      to: { path: '^packages/hub/src/adapters' },
    },
    {
      name: 'hub-and-edge-share-only-core',
      severity: 'error',
      from: { path: '^packages/hub/src' },
      to: { path: '^packages/(edge|cli|web)/' },
    },
    {
      name: 'edge-does-not-import-hub',
      severity: 'error',
      from: { path: '^packages/edge/src' },
      to: { path: '^packages/(hub|cli|web)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', 'dist', '\\.test\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: true,
  },
};
