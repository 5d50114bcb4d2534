// The frame pseudo-protocol and tshark's `_ws.*` fields (malformed, short, expert): the
// fields every packet has regardless of what it carries.

import { registerFields, registerProtocol } from '../fields/fieldRegistry.js';

export const FRAME = registerProtocol('frame', 'Frame');

export const FRAME_F = registerFields({
  number: { name: 'frame.number', type: 'uint', description: 'Frame Number' },
  time: { name: 'frame.time_epoch', type: 'time', description: 'Epoch Arrival Time' },
  timeRelative: { name: 'frame.time_relative', type: 'reltime', description: 'Time since reference or first frame' },
  timeDelta: { name: 'frame.time_delta', type: 'reltime', description: 'Time delta from previous captured frame' },
  len: { name: 'frame.len', type: 'uint', description: 'Frame length on the wire' },
  capLen: { name: 'frame.cap_len', type: 'uint', description: 'Frame length stored into the capture file' },
  interfaceId: { name: 'frame.interface_id', type: 'uint', description: 'Interface id' },
  interfaceName: { name: 'frame.interface_name', type: 'string', description: 'Interface name' },
  linkType: { name: 'frame.encap_type', type: 'uint', description: 'Link type of the interface (LINKTYPE_*)' },
  comment: { name: 'frame.comment', type: 'string', description: 'Comment' },
  protocols: { name: 'frame.protocols', type: 'string', description: 'Protocols in frame' },
});

export const WS = registerFields({
  malformed: { name: '_ws.malformed', type: 'none', description: 'Malformed Packet' },
  short: { name: '_ws.short', type: 'none', description: 'Packet size limited during capture' },
  expert: { name: '_ws.expert', type: 'none', description: 'Expert Info' },
  expertMalformed: {
    name: '_ws.malformed.expert',
    type: 'none',
    description: 'Malformed Packet (Exception occurred)',
    expert: { severity: 'Error', group: 'Malformed' },
  },
  unknownLinkType: {
    name: '_ws.unknown_link_type',
    type: 'none',
    description: 'Link type not decoded',
    expert: { severity: 'Warning', group: 'Undecoded' },
  },
  comment: {
    name: 'frame.comment.expert',
    type: 'none',
    description: 'Formatted comment',
    expert: { severity: 'Comment', group: 'Comment' },
  },
});
