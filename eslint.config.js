// Lint rules that keep the layers apart: the engine runs in a worker and in the CLI, so it
// must not import Electron, React or DOM-only code; the renderer only imports types from
// the backend's API contract.

import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'native/**', 'release/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src-main/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'the engine must not depend on Electron' },
            { group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'monaco-editor', 'monaco-editor/*'], message: 'the engine must not depend on UI libraries' },
            { group: ['**/src-renderer/**', '../../../src-renderer/*', '**/app/**', '**/web/**', '**/cli/**'], message: 'the engine must not import the app, web host, CLI or renderer' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
    },
  },
  {
    // the renderer is a sandboxed web page that only knows the API contract's types
    files: ['src-renderer/src/**/*.ts', 'src-renderer/src/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src-main/**'], allowTypeImports: true, message: 'the renderer imports only TYPES from src-main/api (import type)' },
            { group: ['electron', 'electron/*', 'node:*', 'fs', 'path', 'child_process', 'worker_threads', 'ws'], message: 'the renderer is a sandboxed web page: no Node or Electron modules' },
          ],
        },
      ],
    },
  },
);
