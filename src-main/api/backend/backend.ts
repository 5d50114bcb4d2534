// The backend both hosts share: one handler per API method. Packet work goes to the engine
// worker; capture, interfaces, files and dialogs are handled here in the main process.
// The hosts (Electron IPC, the web server's WebSocket) only move messages in and out.

import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ApiError } from '../apiError.js';
import type { ApiHandlers, MethodName, ParamsOf, ResultOf } from '../contract.js';
import { checkParams } from '../paramCheck.js';
import { CaptureService } from './captureService.js';
import { EngineClient } from './engineClient.js';
import { EventHub } from './eventHub.js';
import { listDir, samples } from './fileBrowser.js';
import { allInterfaces, namespaces } from './interfaceList.js';
import { RecentFiles } from './recentFiles.js';

/** Host-specific pieces: Electron has native dialogs, the web host has none. */
export interface HostHooks {
  chooseFile?: ApiHandlers['chooseFile'];
}

export interface BackendOptions {
  /** where recent files are remembered */
  configDir: string;
  /** the sample captures offered on the start page */
  samplesDir?: string;
  host?: HostHooks;
}

/** Repository/package root: this file is dist/src-main/api/backend/backend.js once built. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export class Backend {
  readonly events = new EventHub();
  readonly engine = new EngineClient((event, data) => this.events.emit(event, data as never));
  readonly capture: CaptureService;
  readonly recent: RecentFiles;
  readonly handlers: ApiHandlers;

  constructor(readonly opts: BackendOptions) {
    this.recent = new RecentFiles(opts.configDir);
    this.capture = new CaptureService(this.events, {
      openLive: (path) => this.engine.call('openLive', { path }),
      liveEnded: () => this.engine.call('liveEnded', {}),
    });
    const e = this.engine;
    const samplesDir = opts.samplesDir ?? join(PACKAGE_ROOT, 'assets', 'samples');
    this.handlers = {
      openFile: async (p) => {
        const info = await e.call('openFile', p);
        this.recent.add(info.path);
        return info;
      },
      closeFile: (p) => e.call('closeFile', p),
      fileInfo: (p) => e.call('fileInfo', p),
      rows: (p) => e.call('rows', p),
      packetDetail: (p) => e.call('packetDetail', p),
      findPacket: (p) => e.call('findPacket', p),
      findText: (p) => e.call('findText', p),
      setDisplayFilter: (p) => e.call('setDisplayFilter', p),
      checkFilter: (p) => e.call('checkFilter', p),
      sortRows: (p) => e.call('sortRows', p),
      fields: (p) => e.call('fields', p),
      flows: (p) => e.call('flows', p),
      flowFilter: (p) => e.call('flowFilter', p),
      flowText: (p) => e.call('flowText', p),
      exportFlows: (p) => e.call('exportFlows', p),
      saveFile: (p) => e.call('saveFile', p),
      interfaces: () => allInterfaces(),
      namespaces: () => namespaces(),
      captureStart: (p) => this.capture.start(p),
      captureStop: () => this.capture.stop(),
      captureStatus: async () => this.capture.status,
      captureGrant: () => this.capture.grant(),
      recentFiles: async () => this.recent.list(),
      samples: async () => samples(samplesDir),
      listDir: async (p) => listDir(p.path),
      chooseFile: opts.host?.chooseFile ?? (async () => ({ path: null, native: false })),
    };
  }

  /** Checks and runs one request from outside (a transport); throws ApiError on bad input. */
  async invoke<K extends MethodName>(method: K, params: unknown): Promise<ResultOf<K>> {
    // async: a bad request must become a rejected promise, never an exception in a transport's event handler
    checkParams(method, params);
    const h = this.handlers[method] as (p: ParamsOf<K>) => Promise<ResultOf<K>>;
    if (!h) throw new ApiError('ENOMETHOD', `unknown method ${method}`);
    return await h((params ?? {}) as ParamsOf<K>);
  }

  async dispose(): Promise<void> {
    await this.capture.dispose();
    await this.engine.terminate();
  }
}
