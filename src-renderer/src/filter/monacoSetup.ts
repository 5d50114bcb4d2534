// Loads the parts of Monaco the filter bar uses (the core editor, completion, hover,
// clipboard, placeholder), bundled locally by vite with its editor worker: nothing is
// fetched from the network. Importing editor.api alone keeps the 80+ languages out.

import * as monaco from 'monaco-editor/editor/editor.api.js';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/editor/contrib/placeholderText/browser/placeholderText.contribution.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import { registerFilterLanguage } from './filterLanguage';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(moduleId: string, label: string): Worker };
  }
}

window.MonacoEnvironment = { getWorker: () => new EditorWorker() };
registerFilterLanguage(monaco);

export { monaco };
