// Summary lines while a capture grows (what `wiresight capture` prints): printSummaries
// picks up where it stopped, through the lean path, and the lines equal those of the
// whole file dissected in full.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { CaptureReader } from '../../../src-main/engine/read/captureReader.js';
import { OutputBuffer } from '../../../src-main/cli/outputBuffer.js';
import { printSummaries } from '../../../src-main/cli/summaryPrinter.js';
import { pcapBytes, removeCaptures, tcpPair, udpFrame, writeCapture, type Frame } from '../engine/analysis/tcpFrames.js';
import { summarise } from '../engine/lean/summaryParity.js';

after(removeCaptures);

test('printSummaries continues a growing capture with the lines of full dissection', async () => {
  const frames: Frame[] = [];
  const conv = tcpPair('192.0.2.1:40000', '198.51.100.2:80', { isn: [1000, 5000], into: frames })
    .c(0, { seq: 0, flags: 'S', opts: { mss: 1460, ws: 7 } })
    .s(1000, { seq: 0, ack: 1, flags: 'SA', opts: { mss: 1460, ws: 7 } });
  for (let i = 0; i < 20; i++) conv.c(2000 + i * 1000, { seq: 1 + 100 * i, ack: 1, flags: 'PA', win: 502, len: 100 });
  frames.push(udpFrame(40_000, '192.0.2.1:5353', '198.51.100.2:53', 20));
  const whole = pcapBytes(frames);
  const file = writeCapture('growing', frames);
  // the capture so far ends inside the twelfth packet
  const cut = 24 + frames.slice(0, 11).reduce((n, f) => n + 16 + f.bytes.length, 0) + 30;
  fs.writeFileSync(file, whole.subarray(0, cut));

  const blocks: Uint8Array[] = [];
  const out = new OutputBuffer((b) => blocks.push(b));
  const reader = await CaptureReader.open(file, { follow: true });
  try {
    assert.equal(printSummaries(reader, out), 11);
    fs.appendFileSync(file, whole.subarray(cut));
    assert.equal(printSummaries(reader, out), frames.length - 11);
    assert.equal(printSummaries(reader, out), 0);
  } finally {
    reader.close();
  }
  out.flush();
  const full = await summarise(file, false);
  assert.equal(Buffer.concat(blocks).toString('utf8'), full.text);
});
