// IEEE 802.2 Logical-Link Control (inside 802.3 length frames) and its SNAP extension. SNAP
// with OUI 00-00-00 carries an EtherType, which goes through the EtherType table (without
// tshark's "ethertype" layer); SAP 0x06 carries IPv4 and 0x98 ARP; everything else above LLC
// (STP, CDP, IPX, NetBIOS...) is shown as data. Info reads like tshark's:
// "U, func=UI; DSAP Spanning Tree BPDU Individual, SSAP Spanning Tree BPDU Command".

import type { PacketFields } from '../fields/packetFields.js';
import { registerFields, registerProtocol } from '../fields/fieldRegistry.js';
import type { DissectCtx, InfoFormatter } from './context.js';
import { dissectData } from './data.js';
import { etherTypeDissector } from './dispatch.js';
import { TSHARK_CISCO_PIDS, TSHARK_ETHERTYPES, TSHARK_LLC_SAPS } from './tsharkDecodes.js';
import { reportCut } from './cutReport.js';

const SAP_NAMES: Readonly<Record<number, string>> = {
  0x00: 'NULL LSAP', 0x02: 'LLC Sub-Layer Management', 0x04: 'SNA Path Control', 0x06: 'TCP/IP', 0x08: 'SNA',
  0x0c: 'SNA', 0x0e: 'PROWAY (IEC955) Network Management and Initialization', 0x10: 'NetWare (unofficial?)',
  0x14: 'ISO Network Layer (OSLAN 1)', 0x18: 'Texas Instruments', 0x20: 'ISO Network Layer (unofficial?)',
  0x34: 'ISO Network Layer (unofficial?)', 0x42: 'Spanning Tree BPDU', 0x4e: 'EIA RS-511 Manufacturing Message Service',
  0x54: 'ISO Network Layer (OSLAN 2)', 0x7e: 'ISO 8208 (X.25 over 802.2)', 0x80: 'XNS', 0x82: 'BACnet', 0x86: 'Nestar',
  0x8e: 'PROWAY (IEC955) Active Station List Maintenance', 0x98: 'ARP', 0xaa: 'SNAP', 0xb4: 'HP JetDirect Printer',
  0xba: 'Banyan Vines', 0xbc: 'Banyan Vines', 0xe0: 'NetWare', 0xf0: 'NetBIOS', 0xf4: 'IBM Net Management',
  0xf8: 'HP Extended LLC', 0xfa: 'Ungermann-Bass', 0xfc: 'Remote Program Load', 0xfe: 'ISO Network Layer',
};

/** The few organisations tshark names in SNAP Info lines that matter here (the rest print "Unknown"). */
const OUI_NAMES: Readonly<Record<number, string>> = {
  0x000000: 'Officially Xerox, but 0:0:0:0:0:0 is more common',
  0x00000c: 'Cisco Systems, Inc',
  0x0000f8: 'Digital Equipment Corporation',
  0x000142: 'Cisco Systems, Inc',
  0x0080c2: 'IEEE',
  0x00e02b: 'Extreme Networks Headquarters',
  0x080007: 'Apple, Inc.',
};

const U_CMD_NAMES: Readonly<Record<number, string>> = {
  0x00: 'UI', 0x20: 'UP', 0x40: 'DISC', 0x60: 'UA', 0x80: 'SNRM', 0xe0: 'TEST', 0x04: 'SIM', 0x84: 'FRMR',
  0xc4: 'CFGR', 0x0c: 'SARM', 0x2c: 'SABM', 0x4c: 'SARME', 0x6c: 'SABME', 0x8c: 'RSET', 0xac: 'XID', 0xcc: 'SNRME',
  0xec: 'BCN',
};
const U_RESP_NAMES: Readonly<Record<number, string>> = {
  ...U_CMD_NAMES, 0x40: 'RD', 0x04: 'RIM', 0x0c: 'DM',
};
const S_NAMES = ['RR', 'RNR', 'REJ', 'SREJ'];

export const LLC = registerProtocol('llc', 'Logical-Link Control');
export const LLC_F = registerFields({
  dsap: { name: 'llc.dsap', type: 'uint', base: 'hex', bits: 8, description: 'DSAP', valueNames: SAP_NAMES },
  dsapSap: { name: 'llc.dsap.sap', type: 'uint', description: 'SAP' },
  dsapIg: { name: 'llc.dsap.ig', type: 'bool', description: 'IG Bit' },
  ssap: { name: 'llc.ssap', type: 'uint', base: 'hex', bits: 8, description: 'SSAP', valueNames: SAP_NAMES },
  ssapSap: { name: 'llc.ssap.sap', type: 'uint', description: 'SAP' },
  ssapCr: { name: 'llc.ssap.cr', type: 'bool', description: 'CR Bit' },
  control: { name: 'llc.control', type: 'uint', base: 'hex', bits: 16, description: 'Control' },
  nr: { name: 'llc.control.n_r', type: 'uint', description: 'N(R)' },
  ns: { name: 'llc.control.n_s', type: 'uint', description: 'N(S)' },
  poll: { name: 'llc.control.p', type: 'bool', description: 'Poll' },
  final: { name: 'llc.control.f', type: 'bool', description: 'Final' },
  sFtype: {
    name: 'llc.control.s_ftype', type: 'uint', base: 'hex', bits: 4, description: 'Supervisory frame type',
    valueNames: { 0: 'Receiver ready', 1: 'Receiver not ready', 2: 'Reject', 3: 'Selective reject' },
  },
  uCmd: { name: 'llc.control.u_modifier_cmd', type: 'uint', base: 'hex', bits: 8, description: 'Command' },
  uResp: { name: 'llc.control.u_modifier_resp', type: 'uint', base: 'hex', bits: 8, description: 'Response' },
  ftype: {
    name: 'llc.control.ftype', type: 'uint', base: 'hex', bits: 8, description: 'Frame type',
    valueNames: { 0: 'Information frame', 1: 'Supervisory frame', 3: 'Unnumbered frame' },
  },
  oui: { name: 'llc.oui', type: 'uint', description: 'Organization Code' },
  type: { name: 'llc.type', type: 'uint', base: 'hex', bits: 16, description: 'Type' },
  pid: { name: 'llc.pid', type: 'uint', base: 'hex', bits: 16, description: 'Protocol ID' },
  ciscoPid: { name: 'llc.cisco_pid', type: 'uint', base: 'hex', bits: 16, description: 'PID' },
});

// what the LLC record's value says was read, for the Info line
const HAS_CONTROL = 1;
const HAS_SNAP = 2;

function hex(v: number, digits: number): string {
  return v.toString(16).toUpperCase().padStart(digits, '0');
}

function sapText(sap: number): string {
  return SAP_NAMES[sap & 0xfe] ?? `0x${(sap & 0xfe).toString(16).padStart(2, '0')}`;
}

/** "U P, func=UI", "I, N(R)=0, N(S)=0", "S F, func=RR, N(R)=1" for a control value. */
function controlText(control: number, response: boolean): string {
  if ((control & 1) === 0 || (control & 3) === 1) {
    const pf = control & 0x100 ? (response ? ' F' : ' P') : '';
    const nr = control >> 9;
    // tshark says P for an I frame's bit whether it is a command or a response
    if ((control & 1) === 0) return `I${control & 0x100 ? ' P' : ''}, N(R)=${nr}, N(S)=${(control >> 1) & 0x7f}`;
    return `S${pf}, func=${S_NAMES[(control >> 2) & 3]}, N(R)=${nr}`;
  }
  const pf = control & 0x10 ? (response ? ' F' : ' P') : '';
  const mod = control & 0xec;
  const name = (response ? U_RESP_NAMES : U_CMD_NAMES)[mod] ?? `Unknown (0x${mod.toString(16).padStart(2, '0')})`;
  return `U${pf}, func=${name}`;
}

const llcInfo: InfoFormatter = (f, _c, anchor) => {
  const have = f.vals[anchor]!;
  if (!(have & HAS_CONTROL)) return '';
  const b = f.sources[f.srcs[anchor]!]!;
  const at = f.starts[anchor]!;
  const dsap = b[at]!;
  const ssap = b[at + 1]!;
  const u = (b[at + 2]! & 3) === 3;
  const control = u ? b[at + 2]! : b[at + 2]! | (b[at + 3]! << 8);
  const text = controlText(control, (ssap & 1) === 1);
  if (dsap === 0xaa && ssap === 0xaa) {
    if (!(have & HAS_SNAP)) return text;
    const o = at + (u ? 3 : 4);
    const oui = (b[o]! << 16) | (b[o + 1]! << 8) | b[o + 2]!;
    const pid = (b[o + 3]! << 8) | b[o + 4]!;
    return `${text}; SNAP, OUI 0x${hex(oui, 6)} (${OUI_NAMES[oui] ?? 'Unknown'}), PID 0x${hex(pid, 4)}`;
  }
  return `${text}; DSAP ${sapText(dsap)} ${dsap & 1 ? 'Group' : 'Individual'}, SSAP ${sapText(ssap)} ${ssap & 1 ? 'Response' : 'Command'}`;
};

/** Dissects an LLC frame [off, rend) captured to `end`; returns rend (LLC claims what its length gave it). */
export function dissectLlc(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  dissectLlcFrame(f, c, off, end, rend);
  return rend;
}

/**
 * Same as dissectLlc; returns true when the payload was shown as data although tshark has
 * a dissector for it (STP, CDP, IPX...), so a cut in it would have been reported there.
 */
export function dissectLlcFrame(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): boolean {
  c.layers.push('llc');
  const b = c.buf;
  const top = f.open(LLC, off, Math.max(0, Math.min(end, rend) - off));
  c.setColumns('LLC', llcInfo, top);
  try {
    if (off + 1 > end) return stop(f, c, off + 1, end, rend);
    const dsap = b[off]!;
    const d = f.open(LLC_F.dsap, off, 1, dsap);
    f.add(LLC_F.dsapSap, off, 1, dsap >> 1);
    f.add(LLC_F.dsapIg, off, 1, dsap & 1);
    f.close(d);
    if (off + 2 > end) return stop(f, c, off + 2, end, rend);
    const ssap = b[off + 1]!;
    const s = f.open(LLC_F.ssap, off + 1, 1, ssap);
    f.add(LLC_F.ssapSap, off + 1, 1, ssap >> 1);
    f.add(LLC_F.ssapCr, off + 1, 1, ssap & 1);
    f.close(s);
    if (off + 3 > end) return stop(f, c, off + 3, end, rend);
    const u = (b[off + 2]! & 3) === 3;
    const clen = u ? 1 : 2;
    if (off + 2 + clen > end) return stop(f, c, off + 2 + clen, end, rend);
    const control = u ? b[off + 2]! : b[off + 2]! | (b[off + 3]! << 8);
    addControl(f, control, off + 2, clen, (ssap & 1) === 1);
    f.vals[top] = HAS_CONTROL;
    let at = off + 2 + clen;

    // only I frames and UI frames carry a payload for the protocol above
    const information = (control & 1) === 0 || (control & 0xef) === 0x03;
    if (dsap === 0xaa && ssap === 0xaa) {
      if (at + 5 > end) return stop(f, c, at + 5, end, rend);
      const oui = (b[at]! << 16) | (b[at + 1]! << 8) | b[at + 2]!;
      const pid = (b[at + 3]! << 8) | b[at + 4]!;
      f.add(LLC_F.oui, at, 3, oui);
      const encapsulatedEther = oui === 0x000000 || oui === 0x0000f8;
      if (!encapsulatedEther) f.add(oui === 0x00000c ? LLC_F.ciscoPid : LLC_F.pid, at + 3, 2, pid);
      else if (information) f.add(LLC_F.type, at + 3, 2, pid);
      f.vals[top] = HAS_CONTROL | HAS_SNAP;
      at += 5;
      f.close(top, at);
      const next = encapsulatedEther && information ? etherTypeDissector(pid) : undefined;
      if (next) {
        next(f, c, at, end, rend);
        return false;
      }
      dissectData(f, c, at, end, rend);
      return information && (encapsulatedEther ? TSHARK_ETHERTYPES.has(pid) : oui === 0x00000c && TSHARK_CISCO_PIDS.has(pid));
    }
    f.close(top, at);
    const next = !information ? undefined : dsap === 0x06 ? etherTypeDissector(0x0800) : dsap === 0x98 ? etherTypeDissector(0x0806) : undefined;
    if (next) {
      next(f, c, at, end, rend);
      return false;
    }
    dissectData(f, c, at, end, rend);
    return information && TSHARK_LLC_SAPS.has(dsap);
  } finally {
    if (f.parent === top) f.close(top);
  }
}

function addControl(f: PacketFields, control: number, at: number, len: number, response: boolean): void {
  const r = f.open(LLC_F.control, at, len, control);
  if ((control & 3) === 3) {
    f.add(response ? LLC_F.uResp : LLC_F.uCmd, at, 1, (control & 0xec) >> 2);
    if (control & 0x10) f.add(response ? LLC_F.final : LLC_F.poll, at, 1, 1);
    f.add(LLC_F.ftype, at, 1, 3);
  } else {
    f.add(LLC_F.nr, at, 2, control >> 9);
    if ((control & 1) === 0) f.add(LLC_F.ns, at, 2, (control >> 1) & 0x7f);
    else f.add(LLC_F.sFtype, at, 2, (control >> 2) & 3);
    if (control & 0x100) f.add(response ? LLC_F.final : LLC_F.poll, at, 2, 1);
    f.add(LLC_F.ftype, at, 2, control & 1 ? 1 : 0);
  }
  f.close(r);
}

function stop(f: PacketFields, c: DissectCtx, need: number, end: number, rend: number): false {
  reportCut(f, c, 'LLC', need, end, rend);
  return false;
}
