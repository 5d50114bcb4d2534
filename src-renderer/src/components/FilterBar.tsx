// The display-filter bar: a one-line Monaco editor with the filter language's
// highlighting and field completion. Its border turns green (valid), red (invalid, with
// the error marked at the compiler's columns) or yellow (valid but probably not what was
// meant), as in Wireshark. Enter applies; Up/Down walk the history.

import { useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor/editor/editor.api.js';
import { api } from '../api/api';
import type { FieldInfo, FilterCheck } from '../api/contractTypes';
import { store } from '../state/appState';
import { applyFilter } from '../state/filterActions';
import { registerFocus } from '../state/focusTargets';
import { filterHistory } from '../state/settings';
import { FilterHistoryMenu } from './FilterHistoryMenu';

const MARKER_OWNER = 'wsfilter';
const CHECK_DELAY_MS = 120;

declare global {
  interface Window {
    __wiresightFilter?: { editor: Monaco.editor.IStandaloneCodeEditor; markers: () => Monaco.editor.IMarker[] };
  }
}

export function FilterBar() {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const check = store.use((s) => s.filterCheck);
  const applied = store.use((s) => s.filterApplied);
  const theme = store.use((s) => s.theme);
  const hasFile = store.use((s) => s.file !== null);
  const [message, setMessage] = useState<string | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const monacoRef = useRef<typeof Monaco | null>(null);

  useEffect(() => {
    let disposed = false;
    const cleanup: (() => void)[] = [];
    void import('../filter/monacoSetup').then(async ({ monaco }) => {
      if (disposed || !host.current) return;
      monacoRef.current = monaco;
      const { registerFilterCompletion } = await import('../filter/filterCompletion');
      let fields: FieldInfo[] = [];
      void api.invoke('fields', {}).then((f) => (fields = f));
      const completion = registerFilterCompletion(monaco, () => fields);
      const editor = monaco.editor.create(host.current, {
        value: store.get().filterApplied,
        language: 'wsfilter',
        theme: store.get().theme === 'dark' ? 'ws-dark' : 'ws-light',
        minimap: { enabled: false },
        lineNumbers: 'off',
        glyphMargin: false,
        folding: false,
        lineDecorationsWidth: 4,
        lineNumbersMinChars: 0,
        scrollbar: { vertical: 'hidden', horizontal: 'hidden', handleMouseWheel: false, alwaysConsumeMouseWheel: false },
        overviewRulerLanes: 0,
        overviewRulerBorder: false,
        hideCursorInOverviewRuler: true,
        renderLineHighlight: 'none',
        wordWrap: 'off',
        scrollBeyondLastLine: false,
        fixedOverflowWidgets: true,
        contextmenu: false,
        fontSize: 13,
        lineHeight: 22,
        automaticLayout: true,
        placeholder: 'Apply a display filter … <Ctrl-/>',
        suggest: { showWords: false, preview: false },
        quickSuggestions: { other: true, strings: false, comments: false },
        wordBasedSuggestions: 'off',
        occurrencesHighlight: 'off',
        selectionHighlight: false,
        links: false,
        padding: { top: 0, bottom: 0 },
      });
      editorRef.current = editor;
      const model = editor.getModel()!;
      let histPos = -1;
      let timer: ReturnType<typeof setTimeout> | null = null;

      const runCheck = async () => {
        const text = model.getValue();
        const c = await api.invoke('checkFilter', { text }).catch((): FilterCheck => ({ state: 'empty' }));
        if (model.getValue() !== text) return;
        showCheck(monaco, model, text, c);
      };
      const apply = async () => {
        const text = model.getValue();
        const r = await applyFilter(text);
        if (!r.ok && r.start !== undefined) showCheck(monaco, model, text, { state: 'invalid', message: r.message, start: r.start, end: r.end });
        else if (!r.ok) setMessage(r.message ?? null);
        else if (store.get().file) editor.focus();
        histPos = -1;
      };
      const setText = (t: string) => {
        model.setValue(t);
        editor.setPosition({ lineNumber: 1, column: t.length + 1 });
      };
      editor.addCommand(monaco.KeyCode.Enter, () => void apply(), '!suggestWidgetVisible');
      editor.addCommand(monaco.KeyCode.UpArrow, () => {
        const h = filterHistory();
        if (histPos + 1 < h.length) setText(h[++histPos]!);
      }, '!suggestWidgetVisible');
      editor.addCommand(monaco.KeyCode.DownArrow, () => {
        const h = filterHistory();
        if (histPos > 0) setText(h[--histPos]!);
        else if (histPos === 0) {
          histPos = -1;
          setText('');
        }
      }, '!suggestWidgetVisible');
      editor.addCommand(monaco.KeyCode.Escape, () => setText(store.get().filterApplied), '!suggestWidgetVisible');
      editor.onDidChangeModelContent(() => {
        const v = model.getValue();
        if (/[\r\n]/.test(v)) {
          setText(v.replace(/[\r\n]+/g, ' '));
          return;
        }
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => void runCheck(), CHECK_DELAY_MS);
      });
      window.__wiresightFilter = { editor, markers: () => monaco.editor.getModelMarkers({ owner: MARKER_OWNER }) };
      cleanup.push(registerFocus('filter', () => editor.focus()));
      cleanup.push(() => completion.dispose());
      cleanup.push(() => editor.dispose());
      const applyRequested = (e: Event) => void apply().then(() => e);
      window.addEventListener('wiresight-apply-filter', applyRequested);
      cleanup.push(() => window.removeEventListener('wiresight-apply-filter', applyRequested));
      void runCheck();
    });
    function showCheck(monaco: typeof Monaco, model: Monaco.editor.ITextModel, text: string, c: FilterCheck) {
      store.set({ filterCheck: { ...c, text } });
      setMessage(c.message ?? null);
      const markers: Monaco.editor.IMarkerData[] = [];
      if ((c.state === 'invalid' || c.state === 'warning') && c.start !== undefined) {
        const start = Math.min(c.start, text.length);
        const end = Math.max(start + 1, Math.min(c.end ?? start + 1, text.length + 1));
        markers.push({
          severity: c.state === 'invalid' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
          message: c.message ?? '',
          startLineNumber: 1,
          startColumn: start + 1,
          endLineNumber: 1,
          endColumn: end + 1,
        });
      }
      monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
    }
    return () => {
      disposed = true;
      for (const c of cleanup.reverse()) c();
    };
  }, []);

  useEffect(() => {
    monacoRef.current?.editor.setTheme(theme === 'dark' ? 'ws-dark' : 'ws-light');
  }, [theme]);

  // a filter applied elsewhere (flow view, history menu) shows up in the bar
  useEffect(() => {
    const ed = editorRef.current;
    if (ed && ed.getValue() !== applied && !ed.hasTextFocus()) ed.setValue(applied);
  }, [applied]);

  const setAndApply = (t: string) => {
    const ed = editorRef.current;
    if (!ed) return;
    ed.setValue(t);
    window.dispatchEvent(new Event('wiresight-apply-filter'));
  };

  const state = check.state;
  return (
    <div className={`filterbar state-${state}${check.text === applied && state !== 'invalid' ? ' applied' : ''}`} data-testid="filter-bar" data-state={state}>
      <span className="fb-label">Filter</span>
      <div className="fb-editor" ref={host} data-testid="filter-editor" />
      <button title="Recent filters" onClick={() => setHistoryOpen((o) => !o)}>▾</button>
      <button title="Clear" onClick={() => setAndApply('')} disabled={!hasFile}>✕</button>
      <button className="primary" title="Apply (Enter)" onClick={() => window.dispatchEvent(new Event('wiresight-apply-filter'))} disabled={!hasFile}>
        Apply
      </button>
      {message && <span className={`fb-msg ${state}`} data-testid="filter-message">{message}</span>}
      {historyOpen && <FilterHistoryMenu onPick={(t) => { setHistoryOpen(false); setAndApply(t); }} onClose={() => setHistoryOpen(false)} />}
    </div>
  );
}
