// The window's preload (sandboxed, context-isolated): exposes exactly the typed API —
// invoke(method, params) and subscribe(event, listener) — as window.wiresight, and
// nothing of Node or Electron. Written without import/export so it loads as the plain
// script sandboxed preloads must be; the types come from the contract.

(() => {
  type Electron = typeof import('electron');
  type Api = import('../api/contract.js').ApiTransport;
  type Reply = { ok: true; result: unknown } | { ok: false; error: { message: string; code?: string } };

  // a sandboxed preload is a plain script: require is the only way in
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { contextBridge, ipcRenderer } = require('electron') as Electron;
  const INVOKE = 'wiresight:invoke';
  const EVENT = 'wiresight:event';
  const listeners = new Map<string, Set<(data: unknown) => void>>();

  ipcRenderer.on(EVENT, (_e, event: string, data: unknown) => {
    for (const l of listeners.get(event) ?? []) l(data);
  });

  const api: Api = {
    invoke: (async (method: string, params: unknown) => {
      const r = (await ipcRenderer.invoke(INVOKE, method, params)) as Reply;
      if (r.ok) return r.result;
      throw Object.assign(new Error(r.error.message), { code: r.error.code });
    }) as Api['invoke'],
    subscribe: ((event: string, listener: (data: unknown) => void) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    }) as Api['subscribe'],
  };
  contextBridge.exposeInMainWorld('wiresight', api);
})();
