// One lint configuration for the whole repository: typescript-eslint's type-checked rules
// everywhere, React's hooks rules and jsx-a11y in the web apps, Prettier owning the layout.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/.bench-build/',
      '**/.turbo/',
      '**/coverage/',
      '**/test-results/',
      '**/src/generated/',
      '**/src/gql/',
      '.data/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        // Configuration files outside every tsconfig.json.
        projectService: {
          allowDefaultProject: [
            '*.js',
            'apps/api/vitest.config.ts',
            'apps/console/vitest.config.ts',
            'packages/db/vitest.config.ts',
            'apps/portal/scripts/*.mjs',
            'packages/db/bin/*.js',
            'packages/graphql/bin/*.js',
            'packages/db/bench/*.mjs',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a value destructured away on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // React's event attributes take async handlers; a rejected one is reported by React.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Apollo Server's plugin hooks and our interfaces are async by contract, awaited or not.
      '@typescript-eslint/require-await': 'off',
      // Functions in our types are values to pass around (props, services), not methods bound to `this`.
      '@typescript-eslint/method-signature-style': ['error', 'property'],
      eqeqeq: ['error', 'always'],
    },
  },
  // Plain JavaScript (configuration, scripts) has no types to check against.
  { files: ['**/*.{js,mjs}'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['apps/portal/src/**/*.{ts,tsx}', 'apps/console/src/**/*.{ts,tsx}', 'packages/intl/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    ...reactHooks.configs.flat['recommended-latest'],
  },
  { files: ['**/*.tsx'], ...jsxA11y.flatConfigs.recommended },
  {
    files: ['**/*.tsx'],
    // A scrolling region must be reachable by keyboard (axe-core's scrollable-region-focusable).
    rules: { 'jsx-a11y/no-noninteractive-tabindex': ['error', { roles: ['region'] }] },
  },
  {
    // The API's layers (docs/architecture.md): resolvers, GraphQL types and policies call services
    // and loaders; they never hold the database client. Policies may phrase a rule as SQL (Prisma.sql).
    files: ['apps/api/src/**/*.resolver.ts', 'apps/api/src/**/*.type.ts', 'apps/api/src/**/*.policy.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='prisma']",
          message: 'Call a service (or a loader): only services, queries and loaders use the database client.',
        },
      ],
    },
  },
  {
    files: ['apps/api/src/**/*.resolver.ts', 'apps/api/src/**/*.type.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@studentdesk/db',
              importNames: ['Prisma', 'PrismaClient', 'openDatabase', 'migrate'],
              allowTypeImports: true,
              message: 'Call a service (or a loader): only services, queries and loaders use the database client.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read answers of any shape off the wire; asserting on them is the check.
    files: ['**/*.test.{ts,tsx}', '**/e2e/**', '**/src/test/**', '**/test-setup.ts', 'packages/testing/src/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  prettier,
);
