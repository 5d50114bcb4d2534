// Completion for the filter bar: field names from the backend's field registry (with
// type and description), the protocol's own fields once "proto." is typed, and the
// word operators. Also the word under the cursor for hover help.

import type * as Monaco from 'monaco-editor/editor/editor.api.js';
import type { FieldInfo } from '../api/contractTypes';
import { FILTER_LANGUAGE } from './filterLanguage';

const WORDS = ['and', 'or', 'not', 'xor', 'in', 'contains', 'matches'];
const MAX_ITEMS = 300;

export function registerFilterCompletion(monaco: typeof Monaco, fields: () => readonly FieldInfo[]): Monaco.IDisposable {
  const byName = (): Map<string, FieldInfo> => new Map(fields().map((f) => [f.name, f]));
  let index: Map<string, FieldInfo> | null = null;

  const completion = monaco.languages.registerCompletionItemProvider(FILTER_LANGUAGE, {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const before = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const m = /[A-Za-z_][\w.-]*$/.exec(before);
      const prefix = m ? m[0] : '';
      const range = new monaco.Range(position.lineNumber, position.column - prefix.length, position.lineNumber, position.column);
      const lower = prefix.toLowerCase();
      const items: Monaco.languages.CompletionItem[] = [];
      for (const f of fields()) {
        if (!f.name.toLowerCase().startsWith(lower)) continue;
        // below a protocol, offer one level at a time plus deeper names when they are few
        items.push({
          label: { label: f.name, description: f.type },
          kind: f.type === 'protocol' ? monaco.languages.CompletionItemKind.Module : monaco.languages.CompletionItemKind.Field,
          detail: `${f.description} (${f.type})`,
          documentation: `${f.name} — ${f.description}\nType: ${f.type}\nProtocol: ${f.protocol}`,
          insertText: f.name,
          range,
          sortText: `${f.name.split('.').length.toString().padStart(2, '0')}${f.name}`,
        });
        if (items.length >= MAX_ITEMS) break;
      }
      if (prefix && !prefix.includes('.')) {
        for (const w of WORDS) {
          if (w.startsWith(lower)) items.push({ label: w, kind: monaco.languages.CompletionItemKind.Keyword, insertText: w, range, sortText: `99${w}` });
        }
      }
      return { suggestions: items, incomplete: items.length >= MAX_ITEMS };
    },
  });

  const hover = monaco.languages.registerHoverProvider(FILTER_LANGUAGE, {
    provideHover(model, position) {
      const w = model.getWordAtPosition(position);
      if (!w) return null;
      index ??= byName();
      const f = index.get(w.word);
      if (!f) return null;
      return {
        range: new monaco.Range(position.lineNumber, w.startColumn, position.lineNumber, w.endColumn),
        contents: [{ value: `**${f.name}** — ${f.description}` }, { value: `type: \`${f.type}\`, protocol: \`${f.protocol}\`` }],
      };
    },
  });
  return { dispose: () => (completion.dispose(), hover.dispose()) };
}
