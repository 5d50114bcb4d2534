// Translates the PCRE patterns of `matches` into JavaScript regular expressions. Wireshark
// matches case-insensitively unless the pattern starts with (?-i); leading option groups
// like (?i), (?s), (?m), (?-i) become RegExp flags. \A, \z and \Z are rewritten; the PCRE
// features JavaScript lacks (possessive quantifiers, atomic groups, inline options in the
// middle) are reported as errors rather than silently matching something else.

export type RegexResult = { ok: true; re: RegExp } | { ok: false; message: string };

export function compileRegex(pattern: string): RegexResult {
  let flags = new Set(['i']);
  let body = pattern;
  for (;;) {
    const m = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?\)/.exec(body);
    if (!m) break;
    for (const c of m[1] ?? '') {
      if (!'ims'.includes(c)) return { ok: false, message: `The regular expression option (?${c}) is not supported; use i, m or s.` };
      flags.add(c);
    }
    for (const c of m[2] ?? '') {
      if (!'ims'.includes(c)) return { ok: false, message: `The regular expression option (?-${c}) is not supported; use i, m or s.` };
      flags.delete(c);
    }
    body = body.slice(m[0].length);
  }
  if (/\(\?[a-zA-Z]*(-[a-zA-Z]*)?[):]/.test(body.replace(/\\./g, ''))) {
    return { ok: false, message: 'Inline options are only supported at the start of the regular expression.' };
  }
  if (/\(\?>/.test(body.replace(/\\./g, ''))) return { ok: false, message: 'Atomic groups (?>...) are not supported.' };
  if (/[*+?}]\+/.test(body.replace(/\\./g, ''))) return { ok: false, message: 'Possessive quantifiers (*+, ++, ?+) are not supported.' };
  const translated = body.replace(/\\(.)/g, (all, c: string) => {
    if (c === 'A') return '(?<![\\s\\S])';
    if (c === 'z') return '(?![\\s\\S])';
    if (c === 'Z') return '(?=\\n?(?![\\s\\S]))';
    return all;
  });
  flags = new Set([...flags].sort());
  try {
    return { ok: true, re: new RegExp(translated, [...flags].join('')) };
  } catch (e) {
    const msg = e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e);
    return { ok: false, message: `"${pattern}" is not a valid regular expression: ${msg}.` };
  }
}
