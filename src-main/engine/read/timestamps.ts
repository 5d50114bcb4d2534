// Exact conversion of pcapng's 64-bit timestamps (counted in interface units: 10^-k or
// 2^-k seconds) to (seconds, nanoseconds). A nanosecond timestamp of today exceeds 2^53, so a
// plain double would lose digits; the common resolutions use exact split arithmetic, the rare
// ones BigInt. Sub-nanosecond fractions are truncated, as tshark 4.0 does (checked against
// its 2^-20 output).

export interface TsUnits {
  /** Units per second (10^k or 2^k). */
  perSecond: number;
  /** k for a 2^-k resolution, -1 for a decimal one. */
  pow2: number;
  /** if_tsoffset: seconds added to every timestamp. */
  offsetSec: number;
  /** Display text: 'usec', 'nsec', 'msec', 'sec', '10^-k', '2^-k'. */
  text: string;
  /** Cache for decimal units: hi * 2^32 = highSec * perSecond + highRem, for hi = highWord. */
  highWord: number;
  highSec: number;
  highRem: number;
}

export interface TsTarget {
  tsSec: number;
  tsNsec: number;
}

const DECIMAL_NAMES: Record<number, string> = { 0: 'sec', 3: 'msec', 6: 'usec', 9: 'nsec' };

/** Units from an if_tsresol byte (high bit set: power of two); default 6 = microseconds. */
export function tsUnitsFromResol(resol: number, offsetSec = 0): TsUnits {
  const k = resol & 0x7f;
  const cache = { highWord: -1, highSec: 0, highRem: 0 };
  if (resol & 0x80) return { perSecond: 2 ** k, pow2: k, offsetSec, text: `2^-${k}`, ...cache };
  return { perSecond: 10 ** k, pow2: -1, offsetSec, text: DECIMAL_NAMES[k] ?? `10^-${k}`, ...cache };
}

/** Writes the time of the 64-bit count hi:lo (unsigned halves) into `out`. */
export function setTimestamp(out: TsTarget, hi: number, lo: number, u: TsUnits): void {
  const d = u.perSecond;
  if (u.pow2 < 0 && d <= 1e9) {
    // consecutive packets share the high word (it changes every 4.3 s at nanosecond units),
    // so its share is divided once; the rest stays below 2^33 and divides exactly
    if (hi !== u.highWord) divideHighWord(u, hi);
    const rem = u.highRem + lo;
    const q = Math.floor(rem / d);
    out.tsSec = u.highSec + q + u.offsetSec;
    out.tsNsec = (rem - q * d) * (1e9 / d);
    return;
  }
  if (u.pow2 >= 0 && u.pow2 <= 23) {
    // frac < 2^23, so frac * 1e9 < 2^53 is exact
    const k = u.pow2;
    const frac = lo & (d - 1);
    out.tsSec = hi * 2 ** (32 - k) + Math.floor(lo / d) + u.offsetSec;
    out.tsNsec = Math.floor((frac * 1e9) / d);
    return;
  }
  setTimestampBig(out, hi, lo, u);
}

/** hi * 2^32 divided by perSecond, by long division in base 2^16 (partial values stay below 2^46). */
function divideHighWord(u: TsUnits, hi: number): void {
  const d = u.perSecond;
  let x = hi >>> 16;
  let q = Math.floor(x / d);
  let r = x - q * d;
  for (const digit of [hi & 0xffff, 0, 0]) {
    x = r * 65536 + digit;
    const qd = Math.floor(x / d);
    r = x - qd * d;
    q = q * 65536 + qd;
  }
  u.highWord = hi;
  u.highSec = q;
  u.highRem = r;
}

function setTimestampBig(out: TsTarget, hi: number, lo: number, u: TsUnits): void {
  const ts = (BigInt(hi) << 32n) | BigInt(lo);
  const d = u.pow2 >= 0 ? 1n << BigInt(u.pow2) : 10n ** BigInt(Math.round(Math.log10(u.perSecond)));
  out.tsSec = Number(ts / d) + u.offsetSec;
  out.tsNsec = Number(((ts % d) * 1000000000n) / d);
}

/** Seconds (as a double, for display) of a 64-bit count, e.g. ISB start/end times. */
export function countToSeconds(hi: number, lo: number, u: TsUnits): number {
  const t = { tsSec: 0, tsNsec: 0 };
  setTimestamp(t, hi, lo, u);
  return t.tsSec + t.tsNsec / 1e9;
}
