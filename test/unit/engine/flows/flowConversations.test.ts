// Every capture of the corpus: the TCP and UDP flows against tshark's conversation tables
// (`conversations_exact` in NAME.summary.json: frames and bytes per direction, keyed by
// tcp.stream / udp.stream). For each tshark stream, the frames and frame bytes Wiresight
// counted in its flows plus the frames it deliberately did not count must give tshark's
// numbers per direction; a flow must never mix two tshark streams; and every frame left
// out must have a reason that is connection tracking's own (see ACCEPTED below).
//
// Why the two tables are not simply equal (what the printed reasons mean):
//  - conntrack does not count what it finds INVALID before or during lookup: bad transport
//    checksums (fuzzed files, kday*, babel_update_oobr, crafted-a), impossible TCP flag
//    combinations (tcp_eight_lowest_weight_flags_set, crafted-a), a segment that cannot open
//    an entry (a SYN/ACK, FIN or RST for an unknown connection: captures that start
//    mid-connection, mptcp-tcprst, tcp_rst_*), segments invalid in the entry's state, and
//    bad UDP lengths; IP headers the kernel drops in ip_rcv (bad header checksum,
//    truncated) never reach it;
//  - it lets some segments through without accounting: ignored ones (tracker possibly out
//    of sync, e.g. a retransmitted SYN/ACK), and retransmitted SYNs before any reply (so
//    they cannot keep the entry alive);
//  - it sees whole datagrams: a first fragment tshark dissected but could not reassemble is
//    not a packet conntrack ever sees;
//  - the next hop's errors showed that it dropped a flow's only packet before confirming
//    the entry (lab-a's TTL-1 probes, the DF ping over the MTU, the REJECTed SYN);
//  - tshark does not count a transport header at which the dissection of a malformed frame
//    stopped (a bad MPTCP option, mptcp-dss-oobr); the kernel does not parse TCP options
//    and counts the segment;
//  - a capture of one direction only (ldp-common-session: the SYN/ACK was never captured)
//    leaves the entry in SYN_SENT, where the client's ACKs are INVALID;
//  - a capture on several interfaces of a router (lab-a-any-sll2, lab-a-2if,
//    fmt-multisection-a) shows each forwarded packet twice: the second copy of a SYN is a
//    retransmission to the tracker, of a SYN/ACK an ignored segment, of a refusing RST a
//    segment for an entry already gone; lab-a-2if.pcapng stores each interface's packets
//    in a run of their own, so the second interface's copy of a whole connection comes
//    after the first reached TIME_WAIT and reopens the entry (split streams below);
//  - tshark's stream lives for the whole file while an entry times out or is replaced by a
//    reopening SYN: one tshark stream can be several flows (counted as "splits"; their sum
//    is compared).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CORPUS_DIR, corpusCaptures } from '../corpusFiles.js';
import { runFlows } from './flowPass.js';
import { PW, REASON, REASON_TEXT } from '../../../../src-main/engine/flows/flowTypes.js';

const ACCEPTED = new Set<number>([
  REASON.IP_INVALID,
  REASON.FRAGMENT,
  REASON.BAD_CHECKSUM,
  REASON.TCP_FLAGS,
  REASON.CANNOT_START,
  REASON.IGNORED,
  REASON.INVALID_STATE,
  REASON.SYN_RETRANSMIT,
  REASON.INVALID_RST,
  REASON.DROPPED_UNCONFIRMED,
  REASON.CHALLENGE_ACK,
  REASON.UDP_LENGTH,
]);

type RefPacket = Record<string, unknown>;

interface Conv {
  a: string;
  a_port: number;
  b: string;
  b_port: number;
  stream: number;
  frames_a_to_b: number;
  bytes_a_to_b: number;
  frames_b_to_a: number;
  bytes_b_to_a: number;
}

function nth(p: RefPacket, field: string, i: number): unknown {
  const v = p[field];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v[i] : i === 0 ? v : undefined;
}

/**
 * The transport headers tshark's conversation tables count in a packet, per make-refs.py:
 * outside ICMP error quotes, not the broken tail of a malformed or cut frame.
 */
function countedHeaders(p: RefPacket): { kind: 'tcp' | 'udp'; stream: number; src: string; sport: number }[] {
  const out: { kind: 'tcp' | 'udp'; stream: number; src: string; sport: number }[] = [];
  let stack = String(p['frame.protocols'] ?? '').split(':');
  const experts = (p['_ws.expert'] as unknown[] | undefined) ?? [];
  const brokenTail = '_ws.malformed' in p || '_ws.short' in p || experts.some((x) => String(x).includes('): Bogus '));
  while (stack.length > 1 && stack[stack.length - 1] === 'mptcp') stack = stack.slice(0, -1);
  const counts: Record<string, number> = {};
  let inError = false;
  let lastNet: [string, number] | null = null;
  stack.forEach((layer, pos) => {
    if (layer === 'icmp' || layer === 'icmpv6') inError = true;
    const idx = counts[layer] ?? 0;
    counts[layer] = idx + 1;
    const tail = pos === stack.length - 1;
    if (layer === 'ip' || layer === 'ipv6') lastNet = [layer, idx];
    else if ((layer === 'tcp' || layer === 'udp') && !inError && lastNet && !(brokenTail && tail)) {
      const stream = nth(p, `${layer}.stream`, idx);
      const sport = nth(p, `${layer}.srcport`, idx);
      const src = nth(p, `${lastNet[0]}.src`, lastNet[1]);
      if (typeof stream === 'number' && typeof sport === 'number' && typeof src === 'string') out.push({ kind: layer, stream, src, sport });
    }
  });
  return out;
}

/** The transport layer at which tshark's dissection of a malformed / cut frame stopped, if any. */
function brokenTail(p: RefPacket): string {
  const experts = (p['_ws.expert'] as unknown[] | undefined) ?? [];
  if (!('_ws.malformed' in p || '_ws.short' in p || experts.some((x) => String(x).includes('): Bogus ')))) return '';
  const stack = String(p['frame.protocols'] ?? '').split(':').filter((l) => l !== 'mptcp');
  return stack[stack.length - 1] ?? '';
}

interface Tally {
  frames: [number, number];
  bytes: [number, number];
}

const tally = (): Tally => ({ frames: [0, 0], bytes: [0, 0] });

test('TCP and UDP flows against tshark conversations on every capture', async () => {
  const files = corpusCaptures();
  const problems: string[] = [];
  const reasonTotals = new Map<number, number>();
  let streams = 0;
  let exact = 0;
  let splitStreams = 0;
  for (const file of files) {
    const base = file.replace(/\.pcap(ng)?$/, '');
    const ref = JSON.parse(readFileSync(`${CORPUS_DIR}${base}.ref.json`, 'utf8')) as { packets: RefPacket[] };
    const summary = JSON.parse(readFileSync(`${CORPUS_DIR}${base}.summary.json`, 'utf8')) as {
      conversations_exact?: { tcp?: Conv[]; udp?: Conv[] };
    };
    const { flows, packets } = await runFlows(CORPUS_DIR + file);
    const table = flows.table;
    const n = Math.min(packets, ref.packets.length);
    const reasons = new Map<number, number>();
    const fileProblems: string[] = [];
    const notes: string[] = [];
    for (const kind of ['tcp', 'udp'] as const) {
      const convs = new Map((summary.conversations_exact?.[kind] ?? []).map((c) => [c.stream, c]));
      const ours = new Map<number, Tally>();
      const left = new Map<number, Tally>();
      const recomputed = new Map<number, Tally>();
      const flowStreams = new Map<number, Set<number>>();
      const streamFlows = new Map<number, Set<number>>();
      for (let i = 0; i < n; i++) {
        const p = ref.packets[i]!;
        const headers = countedHeaders(p).filter((h) => h.kind === kind);
        const flow = table.flowOf(i);
        const word = table.wordOf(i);
        const counted = (word & PW.counted) !== 0;
        const flowProto = flow >= 0 ? table.flows[flow]!.proto : -1;
        const ours4kind = counted && flowProto === (kind === 'tcp' ? 6 : 17);
        if (headers.length === 0) {
          if (!ours4kind) continue;
          if (brokenTail(p) === kind) notes.push(`#${i + 1}: counted in ${kind} flow ${flow}; tshark stopped in this malformed ${kind} header and does not count it`);
          else fileProblems.push(`#${i + 1}: counted in ${kind} flow ${flow} but tshark counts no ${kind} header`);
          continue;
        }
        const h = headers[0]!;
        const conv = convs.get(h.stream);
        if (!conv) {
          fileProblems.push(`#${i + 1}: ${kind}.stream ${h.stream} missing from conversations_exact`);
          continue;
        }
        const dir = h.src === conv.a && h.sport === conv.a_port ? 0 : 1;
        const len = p['frame.len'] as number;
        const r = recomputed.get(h.stream) ?? tally();
        r.frames[dir]++;
        r.bytes[dir] += len;
        recomputed.set(h.stream, r);
        if (ours4kind) {
          const t = ours.get(h.stream) ?? tally();
          t.frames[dir]++;
          t.bytes[dir] += len;
          ours.set(h.stream, t);
          if (!flowStreams.has(flow)) flowStreams.set(flow, new Set());
          flowStreams.get(flow)!.add(h.stream);
          if (!streamFlows.has(h.stream)) streamFlows.set(h.stream, new Set());
          streamFlows.get(h.stream)!.add(flow);
        } else {
          const reason = word >> PW.reasonShift;
          reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
          if (!ACCEPTED.has(reason)) {
            fileProblems.push(`#${i + 1} (${kind}.stream ${h.stream}): not counted, reason ${reason} "${REASON_TEXT[reason] ?? ''}"${flow >= 0 ? ` (flow ${flow})` : ''}`);
          }
          const t = left.get(h.stream) ?? tally();
          t.frames[dir]++;
          t.bytes[dir] += len;
          left.set(h.stream, t);
        }
      }
      for (const [stream, c] of convs) {
        streams++;
        const o = ours.get(stream) ?? tally();
        const l = left.get(stream) ?? tally();
        const r = recomputed.get(stream) ?? tally();
        const want = [c.frames_a_to_b, c.frames_b_to_a, c.bytes_a_to_b, c.bytes_b_to_a];
        // the test's own reading of the reference must give tshark's table
        if (r.frames.concat(r.bytes).join() !== want.join()) fileProblems.push(`${kind} stream ${stream}: reference re-read as ${r.frames.concat(r.bytes)} but conversations_exact says ${want}`);
        const sum = [o.frames[0] + l.frames[0], o.frames[1] + l.frames[1], o.bytes[0] + l.bytes[0], o.bytes[1] + l.bytes[1]];
        if (sum.join() !== want.join()) fileProblems.push(`${kind} stream ${stream}: counted ${o.frames.concat(o.bytes)} + left out ${l.frames.concat(l.bytes)} != tshark ${want}`);
        if (l.frames[0] + l.frames[1] === 0) exact++;
        const split = [...(streamFlows.get(stream) ?? [])].sort((x, y) => x - y);
        if (split.length > 1) {
          splitStreams++;
          const why = split.slice(0, -1).map((id) => {
            const f = table.flows[id]!;
            const ended = f.endTime < f.expires ? 'replaced or closed' : `timed out after ${f.timeout} s idle`;
            return `flow ${id} (${ended})`;
          });
          notes.push(`${kind} stream ${stream} is ${split.length} flows: ${why.join(', ')}, then flow ${split.at(-1)}`);
        }
      }
      for (const [flow, set] of flowStreams) {
        if (set.size > 1) fileProblems.push(`${kind} flow ${flow} mixes tshark streams ${[...set].join(', ')}`);
        const f = table.flows[flow]!;
        // the flow's own counters must be what its packets add up to
        let frames = 0;
        for (let i = 0; i < n; i++) if (table.flowOf(i) === flow && table.wordOf(i) & PW.counted) frames++;
        if (frames !== f.origPackets + f.replyPackets) fileProblems.push(`${kind} flow ${flow}: ${f.origPackets + f.replyPackets} packets counted, ${frames} marked`);
      }
    }
    for (const [r, k] of reasons) reasonTotals.set(r, (reasonTotals.get(r) ?? 0) + k);
    const summaryText = [...reasons].map(([r, k]) => `${k}× ${REASON_TEXT[r] || 'counted elsewhere'}`).join('; ');
    if (reasons.size || fileProblems.length || notes.length) console.log(`${file}: ${summaryText}`);
    for (const n of notes) console.log(`  explained: ${n}`);
    for (const p of fileProblems.slice(0, 20)) console.log(`  DIFFERENCE ${p}`);
    if (fileProblems.length > 20) console.log(`  ... ${fileProblems.length - 20} more`);
    problems.push(...fileProblems.map((p) => `${file}: ${p}`));
  }
  console.log(`${files.length} captures, ${streams} tshark TCP/UDP streams, ${exact} counted frame for frame, ${splitStreams} split into several flows`);
  console.log('frames left out, by reason:', Object.fromEntries([...reasonTotals].map(([r, k]) => [REASON_TEXT[r], k])));
  assert.equal(problems.length, 0, `${problems.length} unexplained differences`);
  assert.ok(files.length === 0 || streams > 50);
});
