// The generated fields connection tracking adds to every tracked packet, so display
// filters can select by flow and state (`ct.state == "SYN_SENT"`, `ct.unreplied`,
// `conn.state == "REJ"`). `ct.*` names follow the kernel's terms; `conn.*` are Zeek's.

import { registerFields, registerProtocol } from '../fields/fieldRegistry.js';

export const CT = registerProtocol('ct', 'Connection tracking');

export const CT_F = registerFields({
  id: { name: 'ct.id', type: 'uint', description: 'Flow id' },
  state: { name: 'ct.state', type: 'string', description: 'TCP conntrack state after this packet' },
  assured: { name: 'ct.assured', type: 'bool', description: 'Assured' },
  unreplied: { name: 'ct.unreplied', type: 'bool', description: 'Unreplied' },
  reply: { name: 'ct.reply', type: 'bool', description: 'Packet in the reply direction' },
  related: { name: 'ct.related', type: 'bool', description: 'ICMP error related to the flow' },
  reason: { name: 'ct.reason', type: 'string', description: 'Not counted in the flow' },
  connState: { name: 'conn.state', type: 'string', description: 'Zeek conn_state' },
  connHistory: { name: 'conn.history', type: 'string', description: 'Zeek history' },
});
