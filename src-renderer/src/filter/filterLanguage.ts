// The display-filter language for Monaco: a Monarch tokenizer (fields, operators, words
// like `contains`, addresses, numbers, strings, slices and sets) and the colors it uses
// in the light and dark editor themes.

import type * as Monaco from 'monaco-editor/editor/editor.api.js';

export const FILTER_LANGUAGE = 'wsfilter';

const WORD_OPERATORS = ['and', 'or', 'xor', 'not', 'in', 'contains', 'matches', 'eq', 'ne', 'gt', 'lt', 'ge', 'le', 'any_eq', 'all_ne', 'bitand', 'bitwise_and'];
const FUNCTIONS = ['len', 'count', 'lower', 'upper', 'string', 'max', 'min', 'abs', 'vals'];

export function registerFilterLanguage(monaco: typeof Monaco): void {
  monaco.languages.register({ id: FILTER_LANGUAGE });
  monaco.languages.setLanguageConfiguration(FILTER_LANGUAGE, {
    wordPattern: /[A-Za-z_][\w.-]*/,
    brackets: [['(', ')'], ['[', ']'], ['{', '}']],
    autoClosingPairs: [{ open: '(', close: ')' }, { open: '[', close: ']' }, { open: '{', close: '}' }, { open: '"', close: '"' }],
  });
  monaco.languages.setMonarchTokensProvider(FILTER_LANGUAGE, {
    wordOperators: WORD_OPERATORS,
    functions: FUNCTIONS,
    tokenizer: {
      root: [
        [/\s+/, 'white'],
        [/r?"/, { token: 'string.quote', next: '@string' }],
        [/'(?:[^'\\]|\\.)*'/, 'string'],
        // IPv4 with optional prefix, MAC / byte strings, IPv6 with ::
        [/\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?/, 'number.address'],
        [/[0-9a-fA-F]{2}(?:[:.-][0-9a-fA-F]{2}){2,}/, 'number.address'],
        [/[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}(?:\/\d{1,3})?/, 'number.address'],
        [/0[xX][0-9a-fA-F]+/, 'number.hex'],
        [/\d+(?:\.\d+)?/, 'number'],
        [/[A-Za-z_][\w-]*(?:\.[\w-]+)*/, { cases: { '@wordOperators': 'keyword', '@functions': 'predefined', '@default': 'field' } }],
        [/===|!==|==|!=|>=|<=|~=|&&|\|\||[<>!~&|]/, 'operator'],
        [/\.\./, 'operator'],
        [/[()[\]{}]/, '@brackets'],
        [/[:,]/, 'delimiter'],
        [/\$|@/, 'predefined'],
      ],
      string: [
        [/[^\\"]+/, 'string'],
        [/\\./, 'string.escape'],
        [/"/, { token: 'string.quote', next: '@pop' }],
      ],
    },
  } as Monaco.languages.IMonarchLanguage);

  const rules = (dark: boolean): Monaco.editor.ITokenThemeRule[] => [
    { token: 'field', foreground: dark ? '7fb0ff' : '1f5fbf' },
    { token: 'keyword', foreground: dark ? 'd39cff' : '8a2bc2', fontStyle: 'bold' },
    { token: 'operator', foreground: dark ? 'e0a060' : 'a35200' },
    { token: 'number', foreground: dark ? '8fd694' : '1b7a2e' },
    { token: 'string', foreground: dark ? 'f0b060' : 'a3361a' },
    { token: 'predefined', foreground: dark ? '5fd7d7' : '007a7a' },
  ];
  monaco.editor.defineTheme('ws-light', { base: 'vs', inherit: true, rules: rules(false), colors: { 'editor.background': '#00000000' } });
  monaco.editor.defineTheme('ws-dark', { base: 'vs-dark', inherit: true, rules: rules(true), colors: { 'editor.background': '#00000000' } });
}
