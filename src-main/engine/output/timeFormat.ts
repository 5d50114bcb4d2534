// Time column formats (relative to the first packet, since the previous packet, epoch,
// absolute local time) from (seconds, nanoseconds) pairs, with the file's precision.
// Local time uses one time-zone lookup per distinct hour, not one per packet.

import type { TextSink } from './textSink.js';

export type TimeFormat = 'relative' | 'delta' | 'epoch' | 'absolute' | 'utc';

/** Seconds + nanoseconds as "s.fffffffff" with `digits` fraction digits (truncated, like tshark). */
export function formatSecNsec(sec: number, nsec: number, digits: number): string {
  const neg = sec < 0 || (sec === 0 && nsec < 0);
  if (neg) {
    sec = -sec;
    nsec = -nsec;
  }
  if (nsec < 0) {
    sec -= 1;
    nsec += 1e9;
  }
  const frac = String(nsec).padStart(9, '0').slice(0, digits);
  return `${neg ? '-' : ''}${sec}${digits > 0 ? '.' + frac : ''}`;
}

/** Difference a - b of two (sec, nsec) instants as (sec, nsec) with 0 <= nsec < 1e9. */
export function diffTime(aSec: number, aNsec: number, bSec: number, bNsec: number): [number, number] {
  let s = aSec - bSec;
  let n = aNsec - bNsec;
  if (n < 0) {
    s -= 1;
    n += 1e9;
  }
  return [s, n];
}

const two = (n: number): string => (n < 10 ? '0' + n : String(n));

export class TimeFormatter {
  private hourStart = NaN;
  private hourOffsetMin = 0;
  /** the whole seconds last printed by decimal(), with the point: packets mostly share it */
  private lastSec = NaN;
  private lastSecText = '';
  /** what normalise() made of its time */
  private normSec = 0;
  private normNsec = 0;
  /** nanoseconds per last fraction digit (a power of ten, computed once rather than per line; used with 1 to 9 digits) */
  private readonly nsPerDigit: number;

  constructor(
    readonly format: TimeFormat,
    readonly digits: number,
    private readonly firstSec: number,
    private readonly firstNsec: number,
  ) {
    this.nsPerDigit = 10 ** (9 - digits);
  }

  text(sec: number, nsec: number, prevSec: number, prevNsec: number): string {
    switch (this.format) {
      case 'relative':
        return this.decimal(sec - this.firstSec, nsec - this.firstNsec);
      case 'delta':
        return this.decimal(sec - prevSec, nsec - prevNsec);
      case 'epoch':
        return this.decimal(sec, nsec);
      case 'absolute':
      case 'utc':
        return this.calendar(sec, nsec, this.format === 'absolute');
    }
  }

  /**
   * Writes text(...) right-aligned in `width` columns; the decimal formats write their
   * digits straight into the sink.
   */
  write(out: TextSink, width: number, sec: number, nsec: number, prevSec: number, prevNsec: number): void {
    switch (this.format) {
      case 'relative':
        this.writeDecimal(out, width, sec - this.firstSec, nsec - this.firstNsec);
        return;
      case 'delta':
        this.writeDecimal(out, width, sec - prevSec, nsec - prevNsec);
        return;
      case 'epoch':
        this.writeDecimal(out, width, sec, nsec);
        return;
      default:
        out.textRight(this.text(sec, nsec, prevSec, prevNsec), width);
    }
  }

  /**
   * Seconds and nanoseconds normalised as diffTime() does them (`nsec` may be off by one
   * second either way) into `norm`; false when formatSecNsec() must print them (a
   * negative time, a fraction of a nanosecond, no fraction digits).
   */
  private normalise(sec: number, nsec: number): boolean {
    if (nsec < 0) {
      sec -= 1;
      nsec += 1e9;
    }
    this.normSec = sec;
    this.normNsec = nsec;
    return sec >= 0 && Number.isInteger(nsec) && this.digits > 0 && this.digits <= 9;
  }

  /** formatSecNsec() of a normalised time, without its allocations for the common case. */
  private decimal(sec: number, nsec: number): string {
    if (!this.normalise(sec, nsec)) return formatSecNsec(this.normSec, this.normNsec, this.digits);
    sec = this.normSec;
    if (sec !== this.lastSec) {
      this.lastSec = sec;
      this.lastSecText = `${sec}.`;
    }
    // 1e9 + nsec is "1" and the nine digits of nsec, zero-padded
    return this.lastSecText + String(1e9 + this.normNsec).slice(1, 1 + this.digits);
  }

  private writeDecimal(out: TextSink, width: number, sec: number, nsec: number): void {
    if (!this.normalise(sec, nsec)) {
      out.textRight(formatSecNsec(this.normSec, this.normNsec, this.digits), width);
      return;
    }
    // "  12.345678": the seconds right-aligned in what the point and the fraction leave
    out.uintRight(this.normSec, width - 1 - this.digits);
    out.text('.');
    out.uintZeros(Math.floor(this.normNsec / this.nsPerDigit), this.digits);
  }

  private calendar(sec: number, nsec: number, local: boolean): string {
    let offsetMin = 0;
    if (local) {
      const hour = Math.floor(sec / 3600);
      if (hour !== this.hourStart) {
        this.hourStart = hour;
        this.hourOffsetMin = -new Date(sec * 1000).getTimezoneOffset();
      }
      offsetMin = this.hourOffsetMin;
    }
    const d = new Date((sec + offsetMin * 60) * 1000);
    const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
    const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
    const frac = this.digits > 0 ? '.' + String(nsec).padStart(9, '0').slice(0, this.digits) : '';
    return `${date} ${time}${frac}`;
  }
}
