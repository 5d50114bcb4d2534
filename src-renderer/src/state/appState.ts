// The renderer's state: which view is shown, the open file and its list, the selection
// in the three panes, the display filter, capture status, dialogs, and the preferences
// (columns, time format, theme) that settings.ts keeps across sessions.

import type { CaptureStatus, ColumnId, FileInfo, FileProgress, FilterCheck, FilterProgress, PacketDetail, TimeFormat } from '../api/contractTypes';
import { createStore } from './createStore';
import { loadSettings } from './settings';

export type View = 'start' | 'packets' | 'flows';

export interface ColumnState {
  id: ColumnId;
  title: string;
  width: number;
  visible: boolean;
}

export interface ByteRange {
  source: number;
  start: number;
  length: number;
}

export type Dialog =
  | null
  | { kind: 'open' }
  | { kind: 'save'; displayedOnly: boolean }
  | { kind: 'exportFlows' }
  | { kind: 'goto' }
  | { kind: 'find' }
  | { kind: 'captureDenied'; error: NonNullable<CaptureStatus['error']> }
  | { kind: 'about' };

export interface AppState {
  view: View;
  file: FileInfo | null;
  progress: FileProgress | null;
  displayed: number;
  /** bumps whenever the row list changes meaning (file, filter, sort, time format) */
  rowsVersion: number;
  filterApplied: string;
  filterProgress: FilterProgress | null;
  /** the bar's last check of what is typed (drives its colour and error marker) */
  filterCheck: FilterCheck & { text: string };
  selectedRow: number | null;
  selectedPacket: number | null;
  detail: PacketDetail | null;
  /** path of the selected tree node ("0.2.1": child indices from the root) */
  selectedNode: string | null;
  byteSelection: ByteRange | null;
  byteSource: number;
  /** field names whose subtrees are open (kept across packets, like Wireshark) */
  expanded: ReadonlySet<string>;
  timeFormat: TimeFormat;
  columns: ColumnState[];
  sort: { column: ColumnId; descending: boolean } | null;
  theme: 'light' | 'dark';
  capture: CaptureStatus;
  captureIface: { name: string; netns: string | null } | null;
  captureFilter: string;
  promisc: boolean;
  /** the list keeps showing the newest packets during a live capture until the user scrolls away */
  follow: boolean;
  dialog: Dialog;
  toast: { text: string; kind: 'info' | 'error' } | null;
  /** a request to scroll the list to this row (consumed by the list) */
  scrollTo: { row: number; seq: number } | null;
  busy: string | null;
}

export const DEFAULT_COLUMNS: ColumnState[] = [
  { id: 'number', title: 'No.', width: 70, visible: true },
  { id: 'time', title: 'Time', width: 120, visible: true },
  { id: 'src', title: 'Source', width: 170, visible: true },
  { id: 'dst', title: 'Destination', width: 170, visible: true },
  { id: 'protocol', title: 'Protocol', width: 80, visible: true },
  { id: 'length', title: 'Length', width: 70, visible: true },
  { id: 'info', title: 'Info', width: 600, visible: true },
];

export const IDLE_CAPTURE: CaptureStatus = {
  state: 'idle', iface: null, netns: null, filter: '', packets: 0, dropped: 0, ifDropped: 0, elapsedMs: 0, file: null, error: null,
};

const saved = loadSettings();

export const store = createStore<AppState>({
  view: 'start',
  file: null,
  progress: null,
  displayed: 0,
  rowsVersion: 0,
  filterApplied: '',
  filterProgress: null,
  filterCheck: { state: 'empty', text: '' },
  selectedRow: null,
  selectedPacket: null,
  detail: null,
  selectedNode: null,
  byteSelection: null,
  byteSource: 0,
  expanded: new Set<string>(),
  timeFormat: saved.timeFormat ?? 'relative',
  columns: saved.columns ?? DEFAULT_COLUMNS,
  sort: null,
  theme: saved.theme ?? (window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'),
  capture: IDLE_CAPTURE,
  captureIface: null,
  captureFilter: '',
  promisc: true,
  follow: true,
  dialog: null,
  toast: null,
  scrollTo: null,
  busy: null,
});
