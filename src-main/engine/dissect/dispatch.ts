// Tables that hand a payload to the next layer's dissector: by link type, by EtherType,
// by IP protocol number. Dissectors register themselves at module load (see all.ts), so a
// lower layer never imports an upper one and new protocols plug in without edits here.

import type { Dissector } from './context.js';

const linkTypes = new Map<number, Dissector>();
const etherTypes = new Map<number, Dissector>();
const ipProtos: (Dissector | undefined)[] = new Array(256);

export function registerLinkType(linkType: number, d: Dissector): void {
  linkTypes.set(linkType, d);
}

export function registerEtherType(etherType: number, d: Dissector): void {
  etherTypes.set(etherType, d);
}

export function registerIpProto(proto: number, d: Dissector): void {
  ipProtos[proto] = d;
}

export function linkTypeDissector(linkType: number): Dissector | undefined {
  return linkTypes.get(linkType);
}

export function etherTypeDissector(etherType: number): Dissector | undefined {
  return etherTypes.get(etherType);
}

export function ipProtoDissector(proto: number): Dissector | undefined {
  return ipProtos[proto];
}
