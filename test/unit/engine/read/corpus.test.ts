// Every capture of the reference corpus against tshark's view of it (NAME.ref.json) and the
// file-header facts in NAME.summary.json: packet count, per-packet time / lengths, damage
// exactly where tshark hit a file error, and the interfaces' link types and resolutions.
// Prints one line per file that differs. WIRESIGHT_CAPTURES overrides the corpus folder.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CaptureReader } from '../../../../src-main/engine/read/captureReader.js';

// dist/test/unit/engine/read/ -> the repository's parent holds shared/captures
const CORPUS = process.env.WIRESIGHT_CAPTURES ?? fileURLToPath(new URL('../../../../../../shared/captures/', import.meta.url));

interface RefPacket { 'frame.time_epoch'?: string; 'frame.len': number; 'frame.cap_len': number }
interface SummaryInterface { linktype: number; snaplen: number; tsresol: string; name?: string }
interface Summary {
  tshark_exit_code: number;
  format: {
    format: string; endianness: string | string[]; resolution?: string | string[]; version?: string; snaplen?: number; linktypes: number[];
    sections?: { endianness: string; version: string; interfaces: SummaryInterface[] }[];
  };
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Differences between our reading of one capture and its references (empty when equal). */
async function compare(file: string): Promise<string[]> {
  const base = path.join(CORPUS, path.basename(file).replace(/\.[^.]+$/, ''));
  const ref = readJson<{ packet_count: number; packets: RefPacket[] }>(`${base}.ref.json`);
  const sum = readJson<Summary>(`${base}.summary.json`);
  const problems: string[] = [];
  const r = await CaptureReader.open(file);
  let n = 0;
  while (r.next()) {
    const p = ref.packets[n];
    const time = `${r.rec.tsSec}.${String(r.rec.tsNsec).padStart(9, '0')}`;
    // tshark prints no time for a simple packet block, which has none
    const refTime = p?.['frame.time_epoch'] ?? (r.rec.blockType === 3 ? time : 'none');
    if (p && (refTime !== time || p['frame.len'] !== r.rec.origLen || p['frame.cap_len'] !== r.rec.capLen)) {
      problems.push(`packet ${n + 1}: time/len/cap ${time}/${r.rec.origLen}/${r.rec.capLen}, tshark ${refTime}/${p['frame.len']}/${p['frame.cap_len']}`);
    }
    n++;
  }
  if (n !== ref.packet_count) problems.push(`${n} packets, tshark ${ref.packet_count}`);
  const tsharkFileError = sum.tshark_exit_code === 2;
  if (tsharkFileError !== (r.damage !== null)) problems.push(`damage ${JSON.stringify(r.damage)} but tshark exit code ${sum.tshark_exit_code}`);
  problems.push(...compareHeader(r, sum.format));
  r.close();
  return problems;
}

function compareHeader(r: CaptureReader, f: Summary['format']): string[] {
  const got: unknown[] = [r.format];
  const want: unknown[] = [f.format];
  if (f.format === 'pcap') {
    const h = r.fileHeader;
    got.push(h.endianness, h.resolution, `${h.versionMajor}.${h.versionMinor}`, h.snaplen, r.interfaces.map((i) => i.linkType));
    want.push(f.endianness, f.resolution, f.version, f.snaplen, f.linktypes);
  } else {
    const sections = f.sections ?? [];
    got.push(r.fileHeader.sectionCount, r.fileHeader.endianness);
    want.push(sections.length, sections[0]?.endianness);
    const flat = sections.flatMap((s, section) => s.interfaces.map((i) => ({ section, ...i })));
    got.push(r.interfaces.map((i) => [i.section, i.linkType, i.snaplen, i.tsResolution, i.name]));
    // make-refs.py keeps a writer's NUL terminator in the name; the reader drops it
    want.push(flat.map((i) => [i.section, i.linktype, i.snaplen, i.tsresol, i.name?.replace(/\0+$/, '')]));
  }
  return JSON.stringify(got) === JSON.stringify(want) ? [] : [`header ${JSON.stringify(got)}, summary ${JSON.stringify(want)}`];
}

it('reads every corpus capture as tshark does', async () => {
  const files = fs.readdirSync(CORPUS).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort();
  assert.ok(files.length > 0, `no captures in ${CORPUS}`);
  const failures: string[] = [];
  for (const f of files) {
    let problems: string[];
    try {
      problems = await compare(path.join(CORPUS, f));
    } catch (e) {
      problems = [`threw ${(e as Error).message}`];
    }
    if (problems.length) failures.push(`${f}: ${problems.length} difference(s), first: ${problems[0]}`);
  }
  if (failures.length) console.log(failures.join('\n'));
  assert.deepEqual(failures, []);
});

it('reports where lab-a-truncated.pcap is cut', async (t) => {
  const file = path.join(CORPUS, 'lab-a-truncated.pcap');
  if (!fs.existsSync(file)) return t.skip('not in this corpus');
  const r = await CaptureReader.open(file);
  let n = 0;
  while (r.next()) n++;
  assert.equal(n, 200);
  const size = fs.statSync(file).size;
  assert.ok(r.damage && r.damage.offset > 24 && r.damage.offset < size);
  assert.match(r.damage.message, new RegExp(`^record at byte ${r.damage.offset} claims \\d+ captured bytes but the file ends after ${size - r.damage.offset - 16}$`));
  r.close();
});
