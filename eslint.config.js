// @ts-check
/**
 * Lint, run by `npm test` (test/unit/lint.test.ts) and by `npm run lint`: ESLint's and typescript-eslint's recommended
 * rules, without type information (tsc type-checks the project strictly already; type-aware rules would do it twice).
 * Import cycles are refused by test/unit/layers.test.ts, file by file and between the wallet's areas.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '**/generated/**', 'console/src/graphql/**', '.unicard/**', '.probe/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore names what is left out on purpose (a destructured field dropped, an argument a signature needs).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // GraphQL answers in tests are JSON of whatever shape the operation asked for; the hub's own code has types.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
