// Lint rules, including the layering of DESIGN.md: who may import whom.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Builds a no-restricted-imports rule from pattern groups with a reason each. */
const forbid = (...groups) => ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }];

const electronOnlyInHosts = [['electron'], 'Only main/electron/ and preload/ may import electron.'];
const noRenderer = [['**/renderer/**', '**/renderer'], 'main/preload must not import renderer code.'];
const noMain = [['**/main/**', '**/main'], 'This layer must not import main-process code.'];
const noEmulator = [['**/emulator/**', '**/emulator'], 'The app reaches the emulator only over HTTP and SSH.'];
const noNode = [['node:*', 'fs', 'path', 'child_process', 'os', 'crypto'], 'The renderer is sandboxed: no Node modules.'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // A promise nobody awaits loses its failure (an unhandled rejection ends a Node host); these two rules need types.
    files: ['{contract,main,preload,renderer,emulator,test,bench}/**/*.{ts,tsx,mts}', '*.config.{ts,mts}'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.e2e.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [['../../**', '**/main/**', '**/renderer/**', '**/preload/**', '**/emulator/**'], 'contract imports nothing of ours.'],
        [['electron', 'node:*'], 'contract is shared by every runtime: no electron, no Node modules.'],
      ),
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: { 'no-restricted-imports': forbid(electronOnlyInHosts, noRenderer, noEmulator), '@typescript-eslint/no-explicit-any': 'error' },
  },
  { files: ['main/electron/**/*.ts'], rules: { 'no-restricted-imports': forbid(noRenderer, noEmulator) } },
  {
    files: ['preload/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(noMain, noRenderer, noEmulator, [['node:*'], 'A sandboxed preload cannot load Node modules.']) },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': forbid(electronOnlyInHosts, noMain, noEmulator, noNode),
    },
  },
  {
    files: ['emulator/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [['**/main/**', '**/renderer/**', '**/preload/**', '**/contract/**'], 'The emulator is a separate program: it shares no code with the app.'],
        electronOnlyInHosts,
      ),
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.*', 'eslint.config.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
  },
);
