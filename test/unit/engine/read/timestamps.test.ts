// pcapng timestamp conversion against a BigInt reference computed here: exact seconds and
// nanoseconds for decimal and binary resolutions, far beyond 2^53 units.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimestamp, tsUnitsFromResol } from '../../../../src-main/engine/read/timestamps.js';

/** Reference: units-per-second d; nanoseconds truncated (what tshark 4.0 prints). */
function reference(ts: bigint, resol: number, offset: bigint): [number, number] {
  const d = resol & 0x80 ? 1n << BigInt(resol & 0x7f) : 10n ** BigInt(resol);
  return [Number(ts / d + offset), Number(((ts % d) * 1_000_000_000n) / d)];
}

/** Deterministic pseudo-random 64-bit values (xorshift), biased to realistic magnitudes. */
function* samples(count: number): Generator<bigint> {
  let x = 0x9e3779b97f4a7c15n;
  for (let i = 0; i < count; i++) {
    x ^= (x << 13n) & 0xffffffffffffffffn;
    x ^= x >> 7n;
    x ^= (x << 17n) & 0xffffffffffffffffn;
    yield x >> BigInt(i % 40);
  }
}

describe('pcapng timestamps', () => {
  const resolutions = [0, 1, 3, 6, 9, 10, 12, 0x80, 0x84, 0x8a, 0x94, 0x97, 0x98, 0x9e, 0xa0];
  for (const resol of resolutions) {
    it(`converts exactly at if_tsresol 0x${resol.toString(16)}`, () => {
      for (const offset of [0n, 100n, -3600n]) {
        const u = tsUnitsFromResol(resol, Number(offset));
        const out = { tsSec: 0, tsNsec: 0 };
        for (const ts of samples(400)) {
          const [sec, nsec] = reference(ts, resol, offset);
          if (!Number.isSafeInteger(sec)) continue; // seconds beyond 2^53 are not representable at all
          setTimestamp(out, Number(ts >> 32n), Number(ts & 0xffffffffn), u);
          assert.deepEqual([out.tsSec, out.tsNsec], [sec, nsec], `ts ${ts} resol 0x${resol.toString(16)}`);
        }
      }
    });
  }

  it('keeps every digit of a present-day nanosecond timestamp', () => {
    const out = { tsSec: 0, tsNsec: 0 };
    const nsec = tsUnitsFromResol(9);
    const ts = 1795426059492790222n;
    setTimestamp(out, Number(ts >> 32n), Number(ts & 0xffffffffn), nsec);
    assert.deepEqual(out, { tsSec: 1795426059, tsNsec: 492790222 });
    // the high word's quotient is cached between calls: a different high word must not reuse it
    const ts2 = 1795426099000000001n;
    setTimestamp(out, Number(ts2 >> 32n), Number(ts2 & 0xffffffffn), nsec);
    assert.deepEqual(out, { tsSec: 1795426099, tsNsec: 1 });
  });

  it('names resolutions for display', () => {
    assert.deepEqual([0, 3, 6, 9, 12, 0x94].map((r) => tsUnitsFromResol(r).text), ['sec', 'msec', 'usec', 'nsec', '10^-12', '2^-20']);
  });
});
