// Flow tracking in a thread of its own (flows/flowOffload.ts, flowThread.ts) must leave the
// very table the pass builds in-thread: on every corpus capture, both ways are compared
// field by field (every flow row, frozen Zeek summary, live tracker, key, timer, and each
// packet's flow and state word), also when the table is taken back in the middle of the
// pass and the rest is tracked in-thread, in the `wiresight flows` pass (no conversation
// hints) and with a `--at` cut-off. The packet codec and the tracker packing that carry the
// data across are checked on their own as well.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaptureFile } from '../../../../src-main/engine/captureFile.js';
import { FlowAnalyzer } from '../../../../src-main/engine/flows/flowAnalyzer.js';
import { FLOW_STRIDE } from '../../../../src-main/engine/flows/flowColumns.js';
import type { FlowTable } from '../../../../src-main/engine/flows/flowTable.js';
import { FlowPacket } from '../../../../src-main/engine/flows/flowTypes.js';
import { decodeFlowPacket, encodeFlowPacket, FLOW_RECORD_WORDS, FlowTupleCache } from '../../../../src-main/engine/flows/flowPacketCodec.js';
import { orderEndpoints } from '../../../../src-main/engine/flows/flowKey.js';
import { StringColumn, type PackedStrings } from '../../../../src-main/engine/index/stringColumn.js';
import { TrackerList, type Packable } from '../../../../src-main/engine/flows/trackerPacking.js';
import { TcpTrack } from '../../../../src-main/engine/flows/tcpTrack.js';
import { ZeekConn } from '../../../../src-main/engine/flows/zeekConn.js';
import { CORPUS_DIR, corpusCaptures } from '../corpusFiles.js';
import { CaptureReader } from '../../../../src-main/engine/read/captureReader.js';
import { PacketPass } from '../../../../src-main/engine/pass/packetPass.js';
import { LeanPacket } from '../../../../src-main/engine/lean/leanPacket.js';
import { observeNext } from '../../../../src-main/engine/lean/leanObserve.js';

/** Asserts two tables hold the same state, naming the first difference. */
function assertSameTable(a: FlowTable, b: FlowTable, what: string): void {
  const x = a.state();
  const y = b.state();
  assert.equal(y.packets, x.packets, `${what}: packets`);
  assert.equal(y.now, x.now, `${what}: clock`);
  assert.equal(y.startsInOrder, x.startsInOrder, `${what}: start order`);
  for (let i = 0; i < x.packets; i++) {
    if (x.packetFlow[i] !== y.packetFlow[i] || x.packetWord[i] !== y.packetWord[i]) {
      assert.fail(`${what}: packet ${i + 1} has flow ${y.packetFlow[i]} word ${y.packetWord[i]}, in-thread ${x.packetFlow[i]} word ${x.packetWord[i]}`);
    }
  }
  const c = x.cols;
  const d = y.cols;
  assert.equal(d.count, c.count, `${what}: flows`);
  for (let i = 0; i < c.count * FLOW_STRIDE; i++) {
    if (!Object.is(c.rec[i], d.rec[i])) assert.fail(`${what}: flow ${Math.floor(i / FLOW_STRIDE)} field ${i % FLOW_STRIDE} is ${d.rec[i]}, in-thread ${c.rec[i]}`);
  }
  assert.deepEqual([...d.zrec.subarray(0, c.count * 8)], [...c.zrec.subarray(0, c.count * 8)], `${what}: frozen Zeek summaries`);
  assert.deepEqual(unpacked(d.keys), unpacked(c.keys), `${what}: keys`);
  assert.deepEqual(unpacked(d.zHistory), unpacked(c.zHistory), `${what}: frozen histories`);
  assert.deepEqual(d.tcp, c.tcp, `${what}: live TCP trackers`);
  assert.deepEqual(d.zeek, c.zeek, `${what}: live Zeek trackers`);
  assert.deepEqual([...y.keyed], [...x.keyed], `${what}: key map`);
  assert.deepEqual(y.heap, x.heap, `${what}: timers`);
}

function unpacked(p: PackedStrings): string[] {
  const col = new StringColumn();
  col.adopt(p);
  return Array.from({ length: col.length }, (_, i) => col.get(i));
}

function flowsOf(cap: CaptureFile): FlowAnalyzer {
  const f = cap.analyzers.find((a): a is FlowAnalyzer => a instanceof FlowAnalyzer);
  if (!f) throw new Error('no flow analyzer');
  return f;
}

async function inThread(path: string): Promise<CaptureFile> {
  const cap = await CaptureFile.open(path);
  cap.flowThreadMinBytes = Infinity;
  cap.indexSome();
  return cap;
}

for (const file of corpusCaptures()) {
  test(`flow table from its own thread = in-thread: ${file}`, { timeout: 120_000 }, async () => {
    const here = await inThread(CORPUS_DIR + file);
    const away = await CaptureFile.open(CORPUS_DIR + file);
    try {
      away.flowThreadMinBytes = 0;
      const flows = flowsOf(away);
      away.indexSome(1);
      assert.equal(flows.offloaded, away.index.count > 0, 'a file with packets tracks its flows in their own thread');
      away.indexSome();
      assert.equal(flows.offloaded, false, 'the end of the pass takes the table back');
      assertSameTable(flowsOf(here).table, flows.table, file);
      assert.equal(flows.flowCount(), flowsOf(here).flowCount());
    } finally {
      here.close();
      away.close();
    }
  });
}

// taken back a third of the way, a table's flows go on dying in this thread (their trackers
// still packed, if nothing asked for them), which must end as if they had never moved
for (const file of corpusCaptures()) {
  test(`a table taken back mid-pass goes on in-thread to the same end: ${file}`, { timeout: 120_000 }, async () => {
    const here = await inThread(CORPUS_DIR + file);
    const away = await CaptureFile.open(CORPUS_DIR + file);
    try {
      away.flowThreadMinBytes = 0;
      const flows = flowsOf(away);
      away.indexSome(Math.max(1, Math.floor(here.index.count / 3)));
      assert.equal(flows.table.packetCount, away.index.count);
      away.indexSome();
      assertSameTable(flowsOf(here).table, flows.table, file);
    } finally {
      here.close();
      away.close();
    }
  });
}

test('a table taken back in the middle of the pass goes on in-thread to the same end', { timeout: 120_000 }, async () => {
  const file = CORPUS_DIR + 'lab-a.pcap';
  const here = await inThread(file);
  const total = here.index.count;
  assert.ok(total > 100, 'the scenario capture has packets');
  try {
    for (const at of [1, Math.floor(total / 3), total - 1]) {
      const away = await CaptureFile.open(file);
      try {
        away.flowThreadMinBytes = 0;
        const flows = flowsOf(away);
        away.indexSome(at);
        assert.ok(flows.offloaded);
        // asking for the table (the flow view, a ct.* filter) takes it back here
        assert.equal(flows.table.packetCount, at);
        assert.equal(flows.offloaded, false);
        away.indexSome();
        assertSameTable(flowsOf(here).table, flows.table, `taken back after ${at} packets`);
      } finally {
        away.close();
      }
    }
  } finally {
    here.close();
  }
});

/** The pass of `wiresight flows`: the flow analyzer alone, ordinary packets through the lean decoder. */
async function flowsCommandTable(file: string, offload: boolean): Promise<FlowTable> {
  const reader = await CaptureReader.open(file);
  try {
    const flows = new FlowAnalyzer();
    if (offload) assert.ok(flows.offload());
    const pass = new PacketPass(reader, [flows]);
    const lean = new LeanPacket();
    while (observeNext(pass, lean));
    return flows.table;
  } finally {
    reader.close();
  }
}

test('the flows command\'s pass (no conversation hints) builds the same table in the thread', { timeout: 60_000 }, async () => {
  for (const file of ['lab-a.pcap', 'lab-a-vlan42.pcap']) {
    assertSameTable(await flowsCommandTable(CORPUS_DIR + file, false), await flowsCommandTable(CORPUS_DIR + file, true), file);
  }
});

test('a cut-off time (--at) is kept the same in the thread', { timeout: 60_000 }, async () => {
  const file = CORPUS_DIR + 'lab-a.pcap';
  const probe = await inThread(file);
  const x = probe.index;
  const mid = Math.floor(x.count / 2);
  const at = x.tsSec.data[mid]! + x.tsNsec.data[mid]! / 1e9;
  probe.close();
  const tables: FlowTable[] = [];
  for (const minBytes of [Infinity, 0]) {
    const cap = await CaptureFile.open(file);
    cap.flowThreadMinBytes = minBytes;
    const flows = flowsOf(cap);
    flows.stopAt = at;
    cap.indexSome();
    tables.push(flows.table);
    cap.close();
  }
  assert.ok(tables[0]!.flowOf(x.count - 1) < 0, 'packets after the cut-off are not tracked');
  assertSameTable(tables[0]!, tables[1]!, 'cut off in the middle');
});

test('closing a capture in the middle of the pass ends the flow thread', { timeout: 30_000 }, async () => {
  for (const how of ['abandon', 'close']) {
    const cap = await CaptureFile.open(CORPUS_DIR + 'lab-a.pcap');
    cap.flowThreadMinBytes = 0;
    const flows = flowsOf(cap);
    cap.indexSome(10);
    assert.ok(flows.offloaded);
    if (how === 'abandon') {
      // resolves once the thread has stopped
      await flows.abandon();
      cap.close();
    } else {
      cap.close();
    }
    assert.equal(flows.offloaded, false, how);
  }
});

test('the packet codec carries every field the flow table reads, ICMP errors included', () => {
  const p = new FlowPacket();
  p.setIPv6(Uint8Array.from({ length: 16 }, (_, i) => i * 17), 0, Uint8Array.from({ length: 16 }, (_, i) => 255 - i), 0);
  Object.assign(p, { proto: 58, time: 1700000000.123456789, packet: 123456, reason: 7, checksumBad: true, tcpFlags: 0x1ff, seq: 0xfffffffe, ack: 0x80000001 });
  Object.assign(p, { payload: 65000, win: 65535, l3Bytes: 65535, frameBytes: 65549, isError: true, errSrc: String.fromCharCode(0x2001, 0xdb8, 0, 0, 0, 0, 0, 9), errTtl: 64 });
  Object.assign(p, { sport: 0, dport: 0, icmpType: 1, icmpCode: 4, icmpId: 0 });
  const q = p.quoted;
  q.setIPv4(0xc6120001, 0xc6120102);
  Object.assign(q, { proto: 17, sport: 53, dport: 40000, icmpType: -1, icmpCode: 0, icmpId: 0 });
  const buf = new SharedArrayBuffer(FLOW_RECORD_WORDS * 4 * 2);
  const i32 = new Int32Array(buf);
  const u16 = new Uint16Array(buf);
  const f64 = new Float64Array(buf);
  encodeFlowPacket(p, 4242, true, i32, u16, f64, FLOW_RECORD_WORDS);
  const r = new FlowPacket();
  const tuples = new FlowTupleCache();
  assert.equal(decodeFlowPacket(i32, u16, f64, FLOW_RECORD_WORDS, r, tuples), 4242, 'the conversation hint');
  // srcFirst / samePair are not carried: the table derives them again with the key
  const fields = (t: FlowPacket) => ({
    ...t,
    srcFirst: null,
    samePair: null,
    src: t.src,
    dst: t.dst,
    quoted: { ...t.quoted, srcFirst: null, samePair: null, src: t.quoted.src, dst: t.quoted.dst, srcW: [...t.quoted.srcW.subarray(0, 2)], dstW: [...t.quoted.dstW.subarray(0, 2)] },
  });
  assert.deepEqual(fields(r), fields(p));
  // and a plain IPv4 packet after it leaves no trace of the error
  p.isError = false;
  p.errSrc = '';
  p.setIPv4(0x0a000001, 0x0a000002);
  encodeFlowPacket(p, -1, false, i32, u16, f64, 0);
  assert.equal(decodeFlowPacket(i32, u16, f64, 0, r, tuples), -1);
  assert.equal(r.isError, false);
  assert.equal(r.errSrc, '');
  assert.equal(r.quoted.l3, 0);
  assert.equal(r.src, p.src);
  assert.equal(r.dst, p.dst);
});

test('a record without its tuple gets the conversation\'s tuple back, turned round for the other direction', () => {
  const buf = new SharedArrayBuffer(FLOW_RECORD_WORDS * 4 * 3);
  const i32 = new Int32Array(buf);
  const u16 = new Uint16Array(buf);
  const f64 = new Float64Array(buf);
  const tuples = new FlowTupleCache();
  const r = new FlowPacket();
  const tupleOf = (t: FlowPacket) => ({ l3: t.l3, proto: t.proto, src: t.src, dst: t.dst, sport: t.sport, dport: t.dport });
  for (const l3 of [4, 6]) {
    const hint = l3 * 1000 + 1;
    const out = new FlowPacket();
    if (l3 === 4) out.setIPv4(0xc6120001, 0xc6120102);
    else out.setIPv6(Uint8Array.from({ length: 16 }, (_, i) => i), 0, Uint8Array.from({ length: 16 }, (_, i) => 200 - i), 0);
    Object.assign(out, { proto: 6, sport: 40000, dport: 80, time: 1, packet: 1 });
    orderEndpoints(out);
    const back = new FlowPacket();
    if (l3 === 4) back.setIPv4(0xc6120102, 0xc6120001);
    else back.setIPv6(Uint8Array.from({ length: 16 }, (_, i) => 200 - i), 0, Uint8Array.from({ length: 16 }, (_, i) => i), 0);
    Object.assign(back, { proto: 6, sport: 80, dport: 40000, time: 2, packet: 2, seq: 77 });
    orderEndpoints(back);
    encodeFlowPacket(out, hint, true, i32, u16, f64, 0);
    encodeFlowPacket(back, hint, false, i32, u16, f64, FLOW_RECORD_WORDS);
    encodeFlowPacket(out, hint, false, i32, u16, f64, 2 * FLOW_RECORD_WORDS);
    decodeFlowPacket(i32, u16, f64, 0, r, tuples);
    assert.deepEqual(tupleOf(r), tupleOf(out), `IPv${l3}: the first record carries the tuple`);
    decodeFlowPacket(i32, u16, f64, FLOW_RECORD_WORDS, r, tuples);
    assert.deepEqual(tupleOf(r), tupleOf(back), `IPv${l3}: the reply's tuple is the noted one turned round`);
    assert.equal(r.seq, 77);
    decodeFlowPacket(i32, u16, f64, 2 * FLOW_RECORD_WORDS, r, tuples);
    assert.deepEqual(tupleOf(r), tupleOf(out), `IPv${l3}: and the next original packet's is the noted one`);
  }
});

test('a string column crosses as one text and keeps strings changed or added after it was adopted', () => {
  const col = new StringColumn();
  for (const s of ['', 'ab', String.fromCharCode(0, 0xffff, 10), 'ShADadFf']) col.push(s);
  const adopted = new StringColumn();
  adopted.adopt(structuredClone(col.pack()));
  assert.deepEqual(Array.from({ length: 4 }, (_, i) => adopted.get(i)), ['', 'ab', String.fromCharCode(0, 0xffff, 10), 'ShADadFf']);
  adopted.set(1, 'changed');
  adopted.push('new');
  assert.deepEqual(unpacked(adopted.pack()), ['', 'changed', String.fromCharCode(0, 0xffff, 10), 'ShADadFf', 'new']);
});

/** Sets every number and boolean of an object tree to a value unique to its place, strings to a text. */
function scramble(o: Record<string, unknown>, seed: { n: number }): void {
  for (const [k, v] of Object.entries(o)) {
    if (v !== null && typeof v === 'object') scramble(v as Record<string, unknown>, seed);
    else if (typeof v === 'number') o[k] = ++seed.n * 1.5;
    else if (typeof v === 'boolean') o[k] = !v;
    else if (typeof v === 'string') o[k] = `text${++seed.n}`;
  }
}

test('tracker packing carries every field of the live trackers', () => {
  const makers: (() => TcpTrack | ZeekConn)[] = [() => new TcpTrack(), () => new ZeekConn()];
  for (const make of makers) {
    const list = [undefined, make(), undefined, make()];
    scramble(list[1] as unknown as Record<string, unknown>, { n: 0 });
    scramble(list[3] as unknown as Record<string, unknown>, { n: 1000 });
    const from = new TrackerList<Packable>(make);
    list.forEach((t, i) => {
      from.push();
      from.set(i, t);
    });
    const to = new TrackerList<Packable>(make);
    to.adopt(structuredClone(from.pack()), list.length);
    const back = list.map((_, i) => to.get(i));
    assert.deepEqual(back, list, `${make().constructor.name}: a field is missing from pack() / unpack()`);
    assert.equal(back[1]!.constructor, make().constructor, 'unpacked trackers are live objects of their class');
  }
});
