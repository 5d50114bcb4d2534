// Time column formats: relative, delta, epoch with the file's precision, calendar forms.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffTime, formatSecNsec, TimeFormatter } from '../../../../src-main/engine/output/timeFormat.js';
import { StringSink } from '../../../../src-main/engine/output/textSink.js';

test('seconds and nanoseconds print exactly, truncated to the precision', () => {
  assert.equal(formatSecNsec(1795425282, 420439000, 9), '1795425282.420439000');
  assert.equal(formatSecNsec(1, 999999999, 6), '1.999999');
  assert.equal(formatSecNsec(0, 0, 6), '0.000000');
  assert.equal(formatSecNsec(4294967295, 0, 6), '4294967295.000000');
});

test('differences borrow from the seconds', () => {
  assert.deepEqual(diffTime(10, 100, 9, 200), [0, 999999900]);
  assert.equal(formatSecNsec(...diffTime(9, 0, 10, 0), 3), '-1.000');
});

test('relative, delta, epoch and UTC formats', () => {
  const t = new TimeFormatter('relative', 6, 100, 500_000_000);
  assert.equal(t.text(101, 0, 0, 0), '0.500000');
  const d = new TimeFormatter('delta', 9, 0, 0);
  assert.equal(d.text(5, 5, 4, 10), '0.999999995');
  const e = new TimeFormatter('epoch', 6, 0, 0);
  assert.equal(e.text(1700000000, 123456789, 0, 0), '1700000000.123456');
  const u = new TimeFormatter('utc', 3, 0, 0);
  assert.equal(u.text(2145916800, 5_000_000, 0, 0), '2038-01-01 00:00:00.005');
  const sink = new StringSink();
  u.write(sink, 30, 2145916800, 5_000_000, 0, 0);
  e.write(sink, 12, 1700000000, 123456789, 0, 0);
  assert.equal(sink.take(), '       2038-01-01 00:00:00.005' + '1700000000.123456');
});

test('the formatter prints what formatSecNsec prints for every difference, before or after the reference', () => {
  const sink = new StringSink();
  for (const digits of [3, 6, 9]) {
    const rel = new TimeFormatter('relative', digits, 1000, 400_000_000);
    const delta = new TimeFormatter('delta', digits, 0, 0);
    let prev: [number, number] = [1000, 400_000_000];
    // a walk through times around the reference, with repeated seconds and odd nanoseconds
    for (let k = 0; k < 2000; k++) {
      const sec = 998 + Math.floor(k / 400);
      const nsec = (k * 7_919_999_933) % 1_000_000_000;
      const relText = formatSecNsec(...diffTime(sec, nsec, 1000, 400_000_000), digits);
      const deltaText = formatSecNsec(...diffTime(sec, nsec, ...prev), digits);
      assert.equal(rel.text(sec, nsec, 0, 0), relText);
      assert.equal(delta.text(sec, nsec, ...prev), deltaText);
      // written into a sink, right-aligned as the summary line's column
      rel.write(sink, 12, sec, nsec, 0, 0);
      assert.equal(sink.take(), relText.padStart(12));
      delta.write(sink, 12, sec, nsec, ...prev);
      assert.equal(sink.take(), deltaText.padStart(12));
      prev = [sec, nsec];
    }
  }
});
