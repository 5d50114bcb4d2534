// Records rebuilt from the packet index against full dissection: for every packet the lean
// path indexed on the corpus, each field the index record answers must have the same
// values, in the same order, as in the packet dissected again; and filters reading only
// such fields select the same packets through the index as through dissection.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaptureFile } from '../../../../src-main/engine/captureFile.js';
import { IndexRecordWriter } from '../../../../src-main/engine/lean/indexRecord.js';
import { IndexPredicates } from '../../../../src-main/engine/lean/indexPredicate.js';
import { MARK } from '../../../../src-main/engine/index/packetIndex.js';
import { TcpAnalyzer } from '../../../../src-main/engine/analysis/tcpAnalysis.js';
import { FlowAnalyzer } from '../../../../src-main/engine/flows/flowAnalyzer.js';
import { allFields } from '../../../../src-main/engine/fields/fieldRegistry.js';
import { formatFieldValue } from '../../../../src-main/engine/fields/fieldFormat.js';
import type { PacketFields } from '../../../../src-main/engine/fields/packetFields.js';
import { compileFilter, isFilterError } from '../../../../src-main/engine/filter/index.js';
import { CORPUS_DIR, corpusCaptures } from '../corpusFiles.js';

/** Each occurrence's value, text and length (a layer only counts: its value is its bytes). */
function values(f: PacketFields, id: number, protocol: boolean): string[] {
  const out: string[] = [];
  for (let i = f.first(id); i >= 0; i = f.nexts[i]!) out.push(protocol ? 'present' : `${formatFieldValue(f, i)}|${f.strs[i] ?? ''}|${f.lens[i]}`);
  return out;
}

const FILTERS = [
  'tcp.port == 80 || udp.port == 53',
  'ip.addr == 10.0.0.0/8 && tcp.flags.syn == 1 && !tcp.flags.ack',
  'ipv6.addr == fd00::/8 || ipv6.src == ::1',
  'tcp.analysis.retransmission || tcp.analysis.duplicate_ack || tcp.analysis.flags',
  'ct.state == "ESTABLISHED" && ct.assured && frame.len > 100',
  'conn.state in {"SF" "S0" "REJ"} || udp.stream > 3 || icmp || icmpv6 || arp.opcode == 1',
  'tcp.stream == 2 xor frame.number < 50',
  'tcp.port != 80 && !(udp.port in {53 67..68}) && ip.src != 10.0.0.0/8',
  'tcp.srcport >= 1024 || udp.dstport < 100 || ip.proto == 1 || ipv6.nxt == 17',
  'tcp.port === 80 || tcp.port !== 443 || tcp.flags.reset || tcp.flags.syn == 0',
  'ip.addr == 192.168.0.0/16 && frame.cap_len <= 100 && tcp.flags in {0x012 0x010}',
  'tcp.connection.fin_active || tcp.analysis.keep_alive || tcp.analysis.window_update',
];

for (const file of corpusCaptures()) {
  test(`index records = full dissection: ${file}`, { timeout: 120_000 }, async () => {
    const cap = await CaptureFile.open(CORPUS_DIR + file);
    try {
      cap.indexSome();
      const tcp = cap.analyzers.find((a): a is TcpAnalyzer => a instanceof TcpAnalyzer) ?? null;
      const flows = cap.analyzers.find((a): a is FlowAnalyzer => a instanceof FlowAnalyzer) ?? null;
      const w = new IndexRecordWriter(cap.index, tcp, flows);
      const answered = allFields().filter((d) => w.partsFor([d.id]) >= 0);
      assert.ok(answered.length > 30);
      for (let i = 0; i < cap.index.count; i++) {
        if (!(cap.index.marks.data[i]! & MARK.lean)) continue;
        const rec = w.write(i);
        const full = cap.dissect(i, false).f;
        for (const d of answered) {
          const got = values(rec, d.id, d.type === 'protocol');
          const want = values(full, d.id, d.type === 'protocol');
          if (got.join() !== want.join()) assert.deepEqual(got, want, `packet ${i + 1} field ${d.name}`);
        }
      }
      const direct = new IndexPredicates(cap.index, tcp);
      for (const text of FILTERS) {
        const compiled = compileFilter(text);
        if (isFilterError(compiled)) throw new Error(compiled.message);
        assert.ok(compiled.valuesOnly && w.partsFor(compiled.fields) > 0, `${text} is answered from the index`);
        const onColumns = direct.compile(compiled.test);
        const fast = cap.packetMatcher(compiled);
        for (let i = 0; i < cap.index.count; i++) {
          const want: boolean = compiled.match(cap.dissect(i, false).f);
          if (fast(i) !== want) assert.fail(`${text}: packet ${i + 1} matches ${!want} through the index, ${want} dissected`);
          if (!(cap.index.marks.data[i]! & MARK.lean)) continue;
          if (compiled.match(w.write(i)) !== want) assert.fail(`${text}: packet ${i + 1} matches ${!want} on its index record`);
          if (onColumns && onColumns(i) !== want) assert.fail(`${text}: packet ${i + 1} matches ${!want} on the columns`);
        }
      }
    } finally {
      cap.close();
    }
  });
}

test('filters with slices or layer numbers read more than values', () => {
  for (const text of ['ip.src[0:2] == 0a:00', 'ip.src#2 == 10.0.0.1', 'frame[12:2] == 08:00']) {
    const c = compileFilter(text);
    if (isFilterError(c)) throw new Error(c.message);
    assert.equal(c.valuesOnly, false, text);
  }
  const c = compileFilter('tcp.port in {80 443} && !ip.src == 10.0.0.1');
  assert.ok(!isFilterError(c) && c.valuesOnly);
});

test('the common filter shapes run on the index columns', async () => {
  const files = corpusCaptures();
  if (files.length === 0) return;
  const cap = await CaptureFile.open(CORPUS_DIR + 'lab-a.pcap');
  try {
    cap.indexSome();
    const direct = new IndexPredicates(cap.index, null);
    // all but those reading IPv6 addresses (bytes) or conntrack fields (strings)
    for (const text of FILTERS.filter((x) => !/ipv6\.addr|ct\.|conn\./.test(x))) {
      const c = compileFilter(text);
      if (isFilterError(c)) throw new Error(c.message);
      assert.ok(direct.compile(c.test), text);
    }
    for (const text of ['ct.state == "ESTABLISHED"', 'tcp.flags & 0x02', 'ipv6.src == ::1']) {
      const c = compileFilter(text);
      if (isFilterError(c)) throw new Error(c.message);
      assert.equal(direct.compile(c.test), null, text);
    }
  } finally {
    cap.close();
  }
});
