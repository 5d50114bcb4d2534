// Display filters as the worker uses them: compiled once by the engine's filter compiler,
// then matched against records rebuilt from the packet index where the filter allows it,
// or against packets dissected again from the file.

import type { FilterCheck } from '../../api/contract.js';
import { compileFilter, isFilterError } from '../filter/index.js';
import type { PacketMatcher } from './displayView.js';
import type { OpenCapture } from './openCapture.js';

export interface MatcherError {
  message: string;
  start: number;
  end: number;
}

/** A matcher over packet indices of `cap`, or the compiler's error with its columns. */
export function compileMatcher(cap: OpenCapture, text: string): PacketMatcher | MatcherError {
  const compiled = compileFilter(text);
  if (isFilterError(compiled)) return { message: compiled.message, start: compiled.start, end: compiled.end };
  const matches = cap.file.packetMatcher(compiled);
  return {
    match: (i: number) => {
      try {
        return matches(i);
      } catch {
        // a packet that cannot be re-read does not match
        return false;
      }
    },
  };
}

/** Fields that often occur twice in a packet (both directions), where `!=` surprises people. */
const AMBIGUOUS_NE = /\b(?:ip|ipv6|eth|tcp|udp)\.(?:addr|host|port)\s*(?:!=|\bne\b)/;

/** Checks filter text for the bar's colour without applying it. */
export function checkFilterText(text: string): FilterCheck {
  if (text.trim() === '') return { state: 'empty' };
  const compiled = compileFilter(text);
  if (isFilterError(compiled)) {
    return { state: 'invalid', message: compiled.message, start: compiled.start, end: compiled.end };
  }
  const m = AMBIGUOUS_NE.exec(text);
  if (m) {
    return {
      state: 'warning',
      message: `"${m[0].trim()}" is true when ANY occurrence differs; "!(a == b)" may be what you mean`,
      start: m.index,
      end: m.index + m[0].length,
    };
  }
  return { state: 'valid' };
}
