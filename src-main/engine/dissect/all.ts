// Loads every dissector so each registers its fields and its place in the dispatch tables.
// Import this once before dissecting; the order here is the order fields are registered.

import './ethernet.js';
import './vlan.js';
import './llc.js';
import './arp.js';
import './linuxSll.js';
import './linuxSll2.js';
import './nullLoopback.js';
import './rawIp.js';
import './ipv4.js';
import './icmp.js';
import './ipv6.js';
import './icmpv6.js';
import './tcp.js';
import './udp.js';
