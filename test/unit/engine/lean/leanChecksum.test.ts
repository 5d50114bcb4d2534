// The lean decoder sums checksums a word at a time from an aligned view when it can and
// byte-wise otherwise: every placement of a frame in memory (the buffer's own offset, the
// frame's offset in it) and every length remainder must give the same verdict, valid
// segments accepted and a single changed byte declined.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeLean } from '../../../../src-main/engine/lean/leanDecoder.js';
import { LeanPacket } from '../../../../src-main/engine/lean/leanPacket.js';
import { concat, ipv4 } from '../dissect/ipv4Builder.js';
import { ipv6 } from '../dissect/ipv6Builder.js';
import { tcpSegment, udpDatagram } from '../dissect/segmentBuilder.js';

const MACS = [2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1];

function ethernet(type: number, payload: Uint8Array): Uint8Array {
  return concat(MACS, [type >> 8, type & 255], payload);
}

function frames(): { name: string; bytes: Uint8Array }[] {
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (let n = 6; n < 14; n++) {
    const payload = Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
    const tcp = tcpSegment({ flags: 0x18, seq: 5000, ack: 7000, payload });
    out.push({ name: `IPv4/TCP, ${n} B payload`, bytes: ethernet(0x0800, ipv4(tcp, { src: '192.0.2.1', dst: '198.51.100.2', proto: 6 })) });
    const udp = udpDatagram({ v6: true, payload });
    out.push({ name: `IPv6/UDP, ${n} B payload`, bytes: ethernet(0x86dd, ipv6(17, udp, { src: '2001:db8::1', dst: '2001:db8::2' })) });
  }
  return out;
}

/** The frame at `at` in a buffer that itself starts `base` bytes into its memory. */
function placed(bytes: Uint8Array, base: number, at: number): { buf: Uint8Array; view: DataView } {
  const buf = new Uint8Array(new ArrayBuffer(base + at + bytes.length + 5), base, at + bytes.length + 5);
  buf.fill(0xa5);
  buf.set(bytes, at);
  return { buf, view: new DataView(buf.buffer, buf.byteOffset, buf.byteLength) };
}

test('lean checksums: the same verdict wherever the frame sits in memory', () => {
  const p = new LeanPacket();
  for (const { name, bytes } of frames()) {
    for (let base = 0; base < 4; base++) {
      for (let at = 0; at < 4; at++) {
        const { buf, view } = placed(bytes, base, at);
        const where = `${name}, buffer +${base}, frame +${at}`;
        assert.equal(decodeLean(p, buf, view, at, bytes.length, bytes.length, 1), true, `valid: ${where}`);
        // payload bytes: only the checksum can tell
        for (const k of [bytes.length - 1, bytes.length - 2, bytes.length - 3, bytes.length - 6]) {
          buf[at + k]! ^= 0x10;
          assert.equal(decodeLean(p, buf, view, at, bytes.length, bytes.length, 1), false, `byte ${k} changed: ${where}`);
          buf[at + k]! ^= 0x10;
        }
      }
    }
  }
});
