// Time column formats (relative to the first packet, since the previous packet, epoch,
// absolute local time) from (seconds, nanoseconds) pairs, with the file's precision.
// Local time uses one time-zone lookup per distinct hour, not one per packet.

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

  constructor(
    readonly format: TimeFormat,
    readonly digits: number,
    private readonly firstSec: number,
    private readonly firstNsec: number,
  ) {}

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
   * formatSecNsec() of (sec, nsec) once normalised as diffTime() does (`nsec` may be off by
   * one second either way), without its allocations for the common case: a time that is
   * not negative, in whole nanoseconds.
   */
  private decimal(sec: number, nsec: number): string {
    if (nsec < 0) {
      sec -= 1;
      nsec += 1e9;
    }
    if (sec < 0 || !Number.isInteger(nsec) || this.digits === 0) return formatSecNsec(sec, nsec, this.digits);
    if (sec !== this.lastSec) {
      this.lastSec = sec;
      this.lastSecText = `${sec}.`;
    }
    // 1e9 + nsec is "1" and the nine digits of nsec, zero-padded
    const frac = String(1e9 + nsec);
    return this.lastSecText + (this.digits >= 9 ? frac.slice(1) : frac.slice(1, 1 + this.digits));
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
