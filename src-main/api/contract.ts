// The one typed contract between the renderer and the backend: every method the UI can
// invoke (params → result) and every event it can subscribe to. Electron IPC and the web
// host's WebSocket both carry exactly these messages, so the renderer cannot tell which
// host it runs in. Adding a method is one line here plus its handler.
// Types only: the renderer imports this file (lint keeps it to `import type`).

export type TimeFormat = 'relative' | 'delta' | 'epoch' | 'absolute' | 'utc';
export type ColumnId = 'number' | 'time' | 'src' | 'dst' | 'protocol' | 'length' | 'info';

/** Coloring rules, in Wireshark's default order; `none` when no rule matched. */
export type ColorRule =
  | 'none' | 'badTcp' | 'icmpError' | 'arp' | 'icmp' | 'tcpRst' | 'ttlLow' | 'checksumError'
  | 'expertWarning' | 'http' | 'routing' | 'tcpSynFin' | 'tcp' | 'udp' | 'broadcast';

export interface FileInfo {
  path: string;
  /** base name, for the title and the status bar */
  name: string;
  format: 'pcap' | 'pcapng';
  compressed: boolean;
  /** bytes on disk (grows during a live capture) */
  size: number;
  /** packets indexed so far */
  packets: number;
  /** packets passing the display filter (all packets when none is set) */
  displayed: number;
  /** true while the first pass is still indexing (or following a live capture) */
  indexing: boolean;
  bytesRead: number;
  live: boolean;
  /** set when the file is damaged or cut short: packets before the damage are shown */
  damage: string | null;
  /** the display filter in force ('' for none) */
  filter: string;
  /** link-layer types of the file's interfaces, by name (e.g. ETHERNET) */
  linkTypes: string[];
}

export interface FileProgress {
  packets: number;
  displayed: number;
  bytesRead: number;
  size: number;
  indexing: boolean;
  damage: string | null;
}

export interface PacketRow {
  /** 0-based packet index (frame number - 1) */
  index: number;
  number: number;
  time: string;
  src: string;
  dst: string;
  protocol: string;
  length: number;
  info: string;
  color: ColorRule;
}

export interface RowsWindow {
  /** row position of rows[0] in the displayed (filtered, sorted) list */
  start: number;
  rows: PacketRow[];
  /** rows in the displayed list when the window was cut */
  displayed: number;
}

export interface DetailNode {
  field: string;
  label: string;
  /** data source (index into PacketDetail.sources) and byte range there */
  source: number;
  start: number;
  length: number;
  generated: boolean;
  expert?: { severity: 'Comment' | 'Chat' | 'Note' | 'Warning' | 'Error'; group: string };
  children: DetailNode[];
}

export interface ByteSource {
  name: string;
  /** the bytes as lower-case hex, two digits a byte (JSON-safe on every transport) */
  hex: string;
}

export interface PacketDetail {
  index: number;
  number: number;
  tree: DetailNode[];
  sources: ByteSource[];
}

/** Result of applying a display filter. */
export type FilterResult =
  | { ok: true; filter: string; displayed: number; total: number; complete: boolean }
  | { ok: false; message: string; start: number; end: number };

/** Result of checking (not applying) filter text as the user types: drives the bar's colour. */
export interface FilterCheck {
  state: 'empty' | 'valid' | 'invalid' | 'warning';
  message?: string;
  /** 0-based columns [start, end) of the problem in the text */
  start?: number;
  end?: number;
}

export interface FilterProgress {
  filter: string;
  /** packets evaluated so far out of `total` */
  done: number;
  total: number;
  displayed: number;
  complete: boolean;
}

export interface FieldInfo {
  name: string;
  type: string;
  description: string;
  protocol: string;
}

export interface FlowRow {
  id: number;
  /** 'tcp', 'udp', 'icmp', 'icmpv6' or another IP protocol name/number */
  protocol: string;
  l3: 'ipv4' | 'ipv6';
  /** conntrack state: TCP's state machine name; '' for UDP/ICMP */
  state: string;
  origSrc: string;
  origDst: string;
  origSport: number;
  origDport: number;
  replySrc: string;
  replyDst: string;
  replySport: number;
  replyDport: number;
  origPackets: number;
  origBytes: number;
  replyPackets: number;
  replyBytes: number;
  /** seconds from the flow's first to its last packet */
  duration: number;
  /** seconds since the start of the capture */
  start: number;
  assured: boolean;
  unreplied: boolean;
  /** Zeek conn_state (S0, SF, REJ, ...) */
  zeekState: string;
  /** frame number of the flow's first packet */
  firstPacket: number;
  /** whole seconds before the entry expires; -1 once it has ended */
  timeout: number;
  /** '' while the flow is in the table; 'closed', 'expired' or 'dropped' after */
  fate: string;
}

export interface FlowTable {
  /** the requested window of the matching flows, in the requested order, from `offset` */
  flows: FlowRow[];
  offset: number;
  /** how many flows match the search (all of them without one) */
  matched: number;
  total: number;
  /** false when the flow tracker is not available in this build */
  available: boolean;
}

export interface InterfaceInfo {
  name: string;
  /** network namespace (name under /run/netns) or null for the host's own */
  netns: string | null;
  up: boolean;
  rxBytes: number;
  txBytes: number;
  rxPackets: number;
  txPackets: number;
}

export interface NamespaceInfo {
  name: string;
  interfaces: string[];
}

export interface CaptureStartParams {
  iface: string;
  netns?: string | null;
  filter?: string;
  promisc?: boolean;
}

export interface CaptureStatus {
  state: 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';
  iface: string | null;
  netns: string | null;
  filter: string;
  packets: number;
  dropped: number;
  ifDropped: number;
  elapsedMs: number;
  file: string | null;
  error: { code: string; message: string; fix: string | null } | null;
}

export interface SaveParams {
  path: string;
  format: 'pcapng' | 'pcap';
  /** only the packets passing the display filter (Export Specified Packets) */
  displayedOnly: boolean;
}

export interface ExportFlowsParams {
  path: string;
  format: 'csv' | 'json' | 'zeek';
  /** also flows that ended (closed, expired) before the last packet */
  all?: boolean;
}

export interface DirEntry {
  name: string;
  dir: boolean;
  size: number;
}

export interface SampleFile {
  name: string;
  path: string;
  size: number;
}

/** Commands the host's menus send to the renderer (the renderer binds the same keys itself). */
export type UiCommand =
  | 'open' | 'save' | 'saveAs' | 'exportDisplayed' | 'exportFlows' | 'close' | 'find' | 'goToPacket'
  | 'focusFilter' | 'captureStartStop' | 'captureOptions' | 'captureRestart' | 'flows' | 'packets'
  | 'toggleTheme' | 'nextPacket' | 'prevPacket' | 'firstPacket' | 'lastPacket' | 'about';

type M<P, R> = { params: P; result: R };
type None = Record<string, never>;

/** Every method: name → { params, result }. */
export interface ApiMethods {
  openFile: M<{ path: string }, FileInfo>;
  closeFile: M<None, null>;
  fileInfo: M<None, FileInfo | null>;
  rows: M<{ start: number; count: number; timeFormat: TimeFormat }, RowsWindow>;
  packetDetail: M<{ index: number }, PacketDetail>;
  /** row position of a frame number in the displayed list (go to packet), or the nearest displayed one */
  findPacket: M<{ number: number }, { row: number; number: number } | null>;
  /** next row (from `fromRow`, wrapping) whose summary contains `text` or matches it as a display filter */
  findText: M<{ text: string; fromRow: number; mode: 'filter' | 'string' }, { row: number } | null>;
  setDisplayFilter: M<{ text: string }, FilterResult>;
  checkFilter: M<{ text: string }, FilterCheck>;
  sortRows: M<{ column: ColumnId | null; descending: boolean }, { displayed: number }>;
  fields: M<None, FieldInfo[]>;
  /** a window (`offset`, `limit`; every row without a limit) of the sorted, searched flow table */
  flows: M<{ sort?: keyof FlowRow; descending?: boolean; search?: string; all?: boolean; offset?: number; limit?: number }, FlowTable>;
  flowFilter: M<{ id: number }, { filter: string }>;
  flowText: M<{ id: number; as: 'conntrack' | 'nft' | 'iptables' }, { text: string }>;
  exportFlows: M<ExportFlowsParams, { path: string; flows: number }>;
  saveFile: M<SaveParams, { path: string; packets: number }>;
  interfaces: M<None, InterfaceInfo[]>;
  namespaces: M<None, NamespaceInfo[]>;
  captureStart: M<CaptureStartParams, CaptureStatus>;
  captureStop: M<None, CaptureStatus>;
  captureStatus: M<None, CaptureStatus>;
  /** the one-step fix when capture is not permitted: `pkexec setcap ...` on the helper */
  captureGrant: M<None, { ok: boolean; message: string }>;
  recentFiles: M<None, string[]>;
  samples: M<None, SampleFile[]>;
  listDir: M<{ path: string }, { path: string; parent: string | null; entries: DirEntry[] }>;
  /** a native file dialog where the host has one; null when cancelled or unavailable */
  chooseFile: M<{ mode: 'open' | 'save'; title?: string; defaultPath?: string }, { path: string | null; native: boolean }>;
}

/** Every event: name → payload. */
export interface ApiEvents {
  fileOpened: FileInfo;
  fileClosed: null;
  fileProgress: FileProgress;
  filterProgress: FilterProgress;
  flowsChanged: { total: number };
  captureStatus: CaptureStatus;
  command: { command: UiCommand };
}

export type MethodName = keyof ApiMethods;
export type EventName = keyof ApiEvents;
export type ParamsOf<K extends MethodName> = ApiMethods[K]['params'];
export type ResultOf<K extends MethodName> = ApiMethods[K]['result'];

/** What the renderer talks to; both hosts provide one. */
export interface ApiTransport {
  invoke<K extends MethodName>(method: K, params: ParamsOf<K>): Promise<ResultOf<K>>;
  /** Returns the function that unsubscribes. */
  subscribe<E extends EventName>(event: E, listener: (data: ApiEvents[E]) => void): () => void;
}

/** A backend: one function per method. */
export type ApiHandlers = { [K in MethodName]: (params: ParamsOf<K>) => Promise<ResultOf<K>> };
