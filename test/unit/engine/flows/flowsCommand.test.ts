// `wiresight flows` end to end (the built CLI in a child process): `--format conntrack --at`
// must print the kernel's own /proc/net/nf_conntrack snapshot of lab-a, line for line;
// the other formats must carry the same flows.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CORPUS_DIR, corpusAvailable } from '../corpusFiles.js';

const BIN = new URL('../../../../../bin/wiresight.js', import.meta.url).pathname;
const LAB = CORPUS_DIR + 'lab-a.pcap';
const PHASE1 = '1795426077.645251234';

function flows(...args: string[]): string {
  return execFileSync(process.execPath, [BIN, 'flows', LAB, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
}

function kernelProc(label: string): string[] {
  const out: string[] = [];
  let on = false;
  for (const line of readFileSync(CORPUS_DIR + 'lab-a.nf_conntrack.txt', 'utf8').split('\n')) {
    if (line.startsWith('# snapshot')) on = line.includes(`"${label}"`);
    else if (on && line.trim()) out.push(line);
  }
  return out.sort();
}

test('--format conntrack --at prints the kernel /proc/net/nf_conntrack snapshot', { skip: !corpusAvailable() }, () => {
  const ours = flows('--format', 'conntrack', '--at', PHASE1).trim().split('\n').sort();
  assert.deepEqual(ours, kernelProc('end of phase 1'));
});

test('--format json / zeek / table and --all describe the same flows', { skip: !corpusAvailable() }, () => {
  const json = JSON.parse(flows('--format', 'json', '--at', PHASE1)) as { proto: string; orig: { dport?: number }; fate: string | null; zeek: { conn_state: string } }[];
  assert.equal(json.length, 24, 'the kernel had 24 entries then');
  assert.ok(json.every((f) => f.fate === null));
  const all = JSON.parse(flows('--format', 'json', '--all')) as { proto: string; orig: { dport?: number }; fate: string | null; zeek: { conn_state: string } }[];
  const refused = all.find((f) => f.proto === 'tcp' && f.orig.dport === 81);
  assert.equal(refused?.fate, 'closed');
  assert.equal(refused?.zeek.conn_state, 'REJ');
  const rejected = all.find((f) => f.proto === 'tcp' && f.orig.dport === 82);
  assert.equal(rejected?.fate, 'dropped', 'the REJECTed SYN never got a confirmed entry');
  const zeek = flows('--format', 'zeek', '--all')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(zeek.length, all.length);
  const download = zeek.find((z) => z['id.orig_p'] === 36160)!;
  assert.equal(download.conn_state, 'SF');
  assert.equal(download.proto, 'tcp');
  assert.ok((download.resp_bytes as number) > 6_000_000, '6 MiB download counted from sequence numbers');
  const table = flows('--at', PHASE1).trim().split('\n');
  assert.equal(table.length, 25, 'header + 24 rows');
  assert.match(table[0]!, /^ID\s+PROTO\s+STATE/);
});

test('--events prints conntrack -E lines with capture timestamps', { skip: !corpusAvailable() }, () => {
  const lines = flows('--events', '--at', '1795426220.568113387').trim().split('\n');
  const first = lines[0]!;
  assert.match(first, /^\[1795426065\.\d{6}\]\t {4}\[NEW\] ipv4 {5}2 icmp {5}1 30 src=192\.0\.2\.10 dst=192\.0\.2\.1 type=8 code=0 id=6660 \[UNREPLIED\] src=192\.0\.2\.1 dst=192\.0\.2\.10 type=0 code=0 id=6660 id=\d+$/);
  const kernel = readFileSync(CORPUS_DIR + 'lab-a.conntrack-events.txt', 'utf8').split('\n').filter((l) => l.startsWith('['));
  const kinds = (ls: string[]): Record<string, number> => {
    const n: Record<string, number> = {};
    for (const l of ls) {
      const k = /\[(NEW|UPDATE|DESTROY)\]/.exec(l)![1]!;
      n[k] = (n[k] ?? 0) + 1;
    }
    return n;
  };
  assert.deepEqual(kinds(lines), kinds(kernel), 'as many NEW / UPDATE / DESTROY events as the kernel reported');
});

test('bad options are usage errors', () => {
  assert.throws(() => execFileSync(process.execPath, [BIN, 'flows', LAB, '--format', 'xml'], { stdio: 'pipe' }), /status 2|unknown format/);
  assert.throws(() => execFileSync(process.execPath, [BIN, 'flows', LAB, '--at', 'soon'], { stdio: 'pipe' }), /status 2|--at/);
});
