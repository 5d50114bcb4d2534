// Lint rules that keep the layers apart: the engine runs in a worker and in the CLI, so it
// must not import Electron, React or DOM-only code; the renderer only imports types from
// the backend's API contract.

import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'native/**', 'src-renderer/dist/**'] },
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
);
