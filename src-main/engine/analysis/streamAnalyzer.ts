// Numbers TCP and UDP conversations (tcp.stream / udp.stream) and adds relative TCP
// sequence numbers, through the Analyzer interface of the packet pass.

import type { PacketFields } from '../fields/packetFields.js';
import type { Analyzer } from '../pass/analyzer.js';
import type { LeanPacket } from '../lean/leanPacket.js';
import { ConversationTable } from './conversationTable.js';

export class StreamAnalyzer implements Analyzer {
  readonly tcp = new ConversationTable('tcp');
  readonly udp = new ConversationTable('udp');

  observe(f: PacketFields, _c: unknown, packet: number): void {
    this.tcp.observe(f, packet);
    this.udp.observe(f, packet);
  }

  observeLean(p: LeanPacket, packet: number): void {
    p.stream = p.l4 === 6 ? this.tcp.observeLean(p, packet) : p.l4 === 17 ? this.udp.observeLean(p, packet) : -1;
  }

  annotate(f: PacketFields, _c: unknown, packet: number): void {
    this.tcp.annotate(f, packet);
    this.udp.annotate(f, packet);
  }
}
