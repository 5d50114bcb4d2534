// `wiresight flows FILE`: the conntrack-style flow table of a capture, as a table, as
// /proc/net/nf_conntrack lines, as JSON or as Zeek conn.log records; optionally as it stood
// at a given capture time (`--at`, to compare with a `conntrack -L` taken then), or as the
// stream of `conntrack -E` events.

import { CaptureReader } from '../../engine/read/captureReader.js';
import { PacketPass } from '../../engine/pass/packetPass.js';
import { FlowAnalyzer } from '../../engine/flows/flowAnalyzer.js';
import { FLOW_THREAD_MIN_BYTES } from '../../engine/flows/flowOffload.js';
import { LeanPacket } from '../../engine/lean/leanPacket.js';
import { observeNext } from '../../engine/lean/leanObserve.js';
import { eventLine, procLine, secondsLeft, tupleText } from '../../engine/flows/conntrackText.js';
import { flowFate, flowJson, protoName, zeekConnLog } from '../../engine/flows/flowRecords.js';
import { addressText, icmpProto } from '../../engine/flows/flowKey.js';
import type { Flow, FlowEvent } from '../../engine/flows/flowTypes.js';
import { TCP_STATE_NAMES } from '../../engine/flows/tcpStates.js';
import { parseArgs, UsageError } from '../args.js';
import { OutputBuffer } from '../outputBuffer.js';

export const usage = `usage: wiresight flows FILE [--format table|conntrack|json|zeek] [--at EPOCH] [--all] [--events]
  --format table      one row per flow: protocol, state, endpoints, packets and bytes each way, duration, flags (default)
  --format conntrack  /proc/net/nf_conntrack lines (seconds left counted at the last packet, or at --at)
  --format json       one JSON array of flows
  --format zeek       Zeek conn.log records, one JSON object per line
  --at EPOCH          the table as it stood at that capture time (seconds since the epoch, with fraction)
  --all               also list flows that expired, were closed, or were never confirmed
  --events            print conntrack -E style events ([NEW] / [UPDATE] / [DESTROY]) instead of the table`;

const FORMATS = ['table', 'conntrack', 'json', 'zeek'];

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, [
    { names: ['--format', '-F'], key: 'format', takesValue: true },
    { names: ['--at'], key: 'at', takesValue: true },
    { names: ['--all', '-a'], key: 'all' },
    { names: ['--events', '-E'], key: 'events' },
    { names: ['-r'], key: 'file', takesValue: true },
  ]);
  const path = (args.options.file as string | undefined) ?? args.positional[0];
  if (!path) throw new UsageError('no capture file given');
  const format = (args.options.format as string | undefined) ?? 'table';
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format ${format} (one of ${FORMATS.join(', ')})`);
  let at = Infinity;
  if (args.options.at !== undefined) {
    at = Number(args.options.at);
    if (!Number.isFinite(at)) throw new UsageError(`--at needs a capture time in seconds, not ${String(args.options.at)}`);
  }
  const all = args.options.all === true;

  const reader = await CaptureReader.open(path);
  // the flow table depends on no other analysis, so it is the only analyzer of the pass
  const flows = new FlowAnalyzer();
  flows.stopAt = at;
  const events: FlowEvent[] = [];
  if (args.options.events) flows.table.onEvent = (e) => events.push(e);
  // a big file's table is built in a thread of its own while this one reads and decodes
  if (reader.fileSize >= FLOW_THREAD_MIN_BYTES) flows.offload();
  const pass = new PacketPass(reader, [flows]);
  const lean = new LeanPacket();
  try {
    // ordinary packets need no field record; the rest are dissected in full
    while (observeNext(pass, lean));
  } finally {
    reader.close();
  }
  const table = flows.table;
  const now = Number.isFinite(at) ? at : table.now;
  if (Number.isFinite(now)) table.expireUntil(now);

  const out = new OutputBuffer();
  if (args.options.events) {
    for (const e of events) if (e.flow.confirmed) out.line(eventLine(e));
  } else {
    const list = all ? table.flows.filter((f) => f.firstTime <= now) : table.aliveAt(now);
    if (format === 'conntrack') {
      for (const f of list) if (!flowFate(f, now)) out.line(procLine(f, now));
    } else if (format === 'json') {
      out.line(JSON.stringify(list.map((f) => flowJson(f, now)), null, 1));
    } else if (format === 'zeek') {
      for (const f of list) out.line(JSON.stringify(zeekConnLog(f)));
    } else {
      printTable(out, list, now);
    }
  }
  out.flush();
  if (reader.damage) {
    process.stderr.write(`wiresight: ${path}: ${reader.damage.message} (at byte ${reader.damage.offset})\n`);
    return 2;
  }
  return 0;
}

function endpointText(f: Flow): string {
  const a = addressText(f.src);
  const b = addressText(f.dst);
  if (f.proto === 6 || f.proto === 17) {
    const wrap = (x: string): string => (f.l3 === 6 ? `[${x}]` : x);
    return `${wrap(a)}:${f.sport} → ${wrap(b)}:${f.dport}`;
  }
  if (f.proto === icmpProto(f.l3)) return `${a} → ${b} ${tupleText(f, 0).split(' ').slice(2).join(' ').trim()}`;
  return `${a} → ${b}`;
}

function printTable(out: OutputBuffer, list: Flow[], now: number): void {
  const rows: string[][] = [['ID', 'PROTO', 'STATE', 'ENDPOINTS', 'PKTS→', 'BYTES→', 'PKTS←', 'BYTES←', 'DURATION', 'TIMEOUT', 'FLAGS', 'ZEEK']];
  for (const f of list) {
    const fate = flowFate(f, now);
    const flags = [...(f.seenReply ? [] : ['UNREPLIED']), ...(f.assured ? ['ASSURED'] : []), ...(fate ? [fate.toUpperCase()] : [])];
    rows.push([
      String(f.id),
      protoName(f),
      f.isTcp ? TCP_STATE_NAMES[f.tcpState]! : '-',
      endpointText(f),
      String(f.origPackets),
      String(f.origBytes),
      String(f.replyPackets),
      String(f.replyBytes),
      (f.lastTime - f.firstTime).toFixed(3),
      fate ? '-' : String(secondsLeft(now, f.expires)),
      flags.join(',') || '-',
      `${f.zeek.connState(f.proto)} ${f.zeek.history || '-'}`,
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const numeric = new Set([0, 4, 5, 6, 7, 8, 9]);
  for (const r of rows) {
    out.line(
      r
        .map((cell, c) => (c === r.length - 1 ? cell : numeric.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd(),
    );
  }
}
