// Parsers for the unquoted literals of the filter language: integers (decimal, 0x hex,
// 0 octal, 0b binary), decimal fractions, IPv4/IPv6 addresses with a CIDR prefix, MAC
// addresses in their three spellings and byte strings. Each returns the value or an error
// message worded like Wireshark's; the caller knows the columns.

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const err = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** Integer literal: 123, 0x7b, 0173, 0b1111011. */
export function parseInteger(text: string): Parsed<number> {
  let v: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) v = parseInt(text.slice(2), 16);
  else if (/^0[bB][01]+$/.test(text)) v = parseInt(text.slice(2), 2);
  else if (/^0[0-7]+$/.test(text)) v = parseInt(text.slice(1), 8);
  else if (/^[0-9]+$/.test(text) && !/^0\d/.test(text)) v = parseInt(text, 10);
  else return err(`"${text}" is not a valid number.`);
  if (!Number.isSafeInteger(v)) return err(`"${text}" is too large a number.`);
  return ok(v);
}

/** Decimal number with an optional fraction and exponent, for time and floating fields. */
export function parseDecimal(text: string): Parsed<number> {
  if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return ok(Number(text));
  const i = parseInteger(text);
  return i.ok ? i : err(`"${text}" is not a valid number.`);
}

export interface IPv4Literal {
  addr: number;
  /** prefix length, 32 for a plain address */
  bits: number;
}

function parseDottedQuad(text: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  let v = 0;
  for (let i = 1; i <= 4; i++) {
    const b = Number(m[i]);
    if (b > 255) return null;
    v = v * 256 + b;
  }
  return v;
}

/** IPv4 address, optionally with "/bits" (10.0.0.0/8). */
export function parseIPv4(text: string): Parsed<IPv4Literal> {
  const slash = text.indexOf('/');
  const addrText = slash < 0 ? text : text.slice(0, slash);
  const addr = parseDottedQuad(addrText);
  if (addr === null) return err(`"${addrText}" is not a valid IPv4 address.`);
  if (slash < 0) return ok({ addr, bits: 32 });
  const bitsText = text.slice(slash + 1);
  if (!/^\d+$/.test(bitsText)) return err(`"${bitsText}" is not a valid prefix length; write it as a number of bits, like 10.0.0.0/8.`);
  const bits = Number(bitsText);
  if (bits > 32) return err(`Netmask bits in a CIDR IPv4 address should be <= 32, not ${bits}.`);
  return ok({ addr, bits });
}

/** The 32-bit mask of a prefix length. */
export function ipv4Mask(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

export interface IPv6Literal {
  bytes: Uint8Array;
  bits: number;
}

function parseIPv6Address(text: string): Uint8Array | null {
  if (text.length < 2 || text.split('::').length > 2) return null;
  let groups: number[] = [];
  const parseGroups = (part: string, allowV4: boolean): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const items = part.split(':');
    for (let i = 0; i < items.length; i++) {
      const s = items[i]!;
      if (allowV4 && i === items.length - 1 && s.includes('.')) {
        const v4 = parseDottedQuad(s);
        if (v4 === null) return null;
        out.push(v4 >>> 16, v4 & 0xffff);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(s)) {
        out.push(parseInt(s, 16));
      } else return null;
    }
    return out;
  };
  const dbl = text.indexOf('::');
  if (dbl >= 0) {
    const head = parseGroups(text.slice(0, dbl), false);
    const tail = parseGroups(text.slice(dbl + 2), true);
    if (!head || !tail || head.length + tail.length > 7) return null;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    const all = parseGroups(text, true);
    if (!all || all.length !== 8) return null;
    groups = all;
  }
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

/** IPv6 address, optionally with "/prefix" (2001:db8::/32). */
export function parseIPv6(text: string): Parsed<IPv6Literal> {
  const slash = text.indexOf('/');
  const addrText = slash < 0 ? text : text.slice(0, slash);
  const bytes = parseIPv6Address(addrText);
  if (!bytes) return err(`"${addrText}" is not a valid IPv6 address.`);
  if (slash < 0) return ok({ bytes, bits: 128 });
  const bitsText = text.slice(slash + 1);
  if (!/^\d+$/.test(bitsText)) return err(`"${bitsText}" is not a valid prefix length.`);
  const bits = Number(bitsText);
  if (bits > 128) return err(`Prefix in an IPv6 address should be <= 128, not ${bits}.`);
  return ok({ bytes, bits });
}

/**
 * Byte string: hex pairs separated by ":", "-" or "." (one kind per string), or an
 * unseparated even run of hex digits (`02dca1`), or a single byte written `8`, `0a` or `0xa`.
 */
export function parseByteString(text: string): Parsed<Uint8Array> {
  const bad = err<Uint8Array>(`"${text}" is not a valid byte string.`);
  if (/^0[xX][0-9a-fA-F]{1,2}$/.test(text)) return ok(Uint8Array.of(parseInt(text.slice(2), 16)));
  if (/^[0-9a-fA-F]$/.test(text)) return ok(Uint8Array.of(parseInt(text, 16)));
  const sep = /[:.-]/.exec(text)?.[0];
  const groups = sep ? text.split(sep) : [text];
  const out: number[] = [];
  for (const g of groups) {
    if (g.length === 0 || g.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(g)) return bad;
    for (let i = 0; i < g.length; i += 2) out.push(parseInt(g.slice(i, i + 2), 16));
  }
  return ok(Uint8Array.from(out));
}

/** MAC address: 00:1b:21:3a:4f:5c, 00-1b-21-3a-4f-5c, 001b.213a.4f5c or 001b213a4f5c. */
export function parseMac(text: string): Parsed<Uint8Array> {
  const b = parseByteString(text);
  if (!b.ok) return err(`"${text}" is not a valid Ethernet address.`);
  if (b.value.length < 6) return err(`"${text}" contains too few bytes to be a valid Ethernet address.`);
  if (b.value.length > 6) return err(`"${text}" contains too many bytes to be a valid Ethernet address.`);
  return b;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Absolute time as seconds since the epoch: "2024-05-01 12:00:00[.fraction]" or
 * "May  1, 2024 12:00:00[.fraction]", local time unless followed by "UTC" or "Z".
 */
export function parseAbsoluteTime(text: string): Parsed<number> {
  const s = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(UTC|Z)?$/i.exec(s);
  let parts: [number, number, number, number, number, number, string, boolean] | null = null;
  if (m) {
    parts = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), m[7] ?? '', !!m[8]];
  } else {
    m = /^([A-Za-z]{3})[a-z]*\s+(\d{1,2}),\s*(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(UTC|Z)?$/i.exec(s);
    const month = m ? MONTHS.indexOf(m[1]!.toLowerCase()) : -1;
    if (m && month >= 0) {
      parts = [Number(m[3]), month + 1, Number(m[2]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), m[7] ?? '', !!m[8]];
    }
  }
  if (!parts) return err(`"${text}" is not a valid absolute time; write it like "2024-05-01 12:00:00".`);
  const [y, mo, d, h, mi, se, frac, utc] = parts;
  const ms = utc ? Date.UTC(y, mo - 1, d, h, mi, se) : new Date(y, mo - 1, d, h, mi, se).getTime();
  if (!Number.isFinite(ms) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) {
    return err(`"${text}" is not a valid absolute time.`);
  }
  return ok(ms / 1000 + (frac ? Number(frac) : 0));
}
