// Traffic for the live tests, sent only between the test namespaces: ping, a UDP exchange
// and a TCP exchange (node sockets run with `ip netns exec`), and raw Ethernet frames
// (python's AF_PACKET, which node lacks).

import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { createInterface } from 'node:readline';

const run = promisify(execFile);

export async function ping(ns: string, dst: string, count: number, intervalS = 0.2): Promise<void> {
  await run('ip', ['netns', 'exec', ns, 'ping', '-n', '-q', '-c', String(count), '-i', String(intervalS), '-W', '1', dst]);
}

/** Runs a node script inside a namespace; resolves once it prints "ready". */
function nodeInNs(ns: string, script: string, args: string[]): { ready: Promise<void>; done: Promise<string> } {
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '-e', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));
  createInterface({ input: child.stdout }).on('line', (l) => {
    if (l === 'ready') resolveReady();
    else out += l + '\n';
  });
  const done = new Promise<string>((resolve, reject) =>
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`node in ${ns} failed (${code}): ${err}`)))),
  );
  done.catch(() => undefined);
  return { ready: Promise.race([ready, done.then(() => undefined)]), done };
}

const UDP_SINK = `
const dgram = require('node:dgram');
const [ip, port, count] = process.argv.slice(1);
const s = dgram.createSocket('udp4');
let n = 0;
s.on('message', () => { if (++n === Number(count)) s.close(); });
s.bind(Number(port), ip, () => console.log('ready'));
`;

const UDP_SEND = `
const dgram = require('node:dgram');
const [ip, port, sizes] = process.argv.slice(1);
const s = dgram.createSocket('udp4');
(async () => {
  for (const n of sizes.split(',').map(Number)) {
    await new Promise((r, j) => s.send(Buffer.alloc(n, n & 0xff), Number(port), ip, (e) => (e ? j(e) : r())));
    await new Promise((r) => setTimeout(r, 20));
  }
  s.close();
})();
`;

/** Datagrams of the given payload sizes from nsFrom to dst:port (a sink in nsTo receives them); byte i of a payload of n bytes is n & 0xff. */
export async function udpExchange(nsFrom: string, nsTo: string, dst: string, port: number, sizes: number[]): Promise<void> {
  const sink = nodeInNs(nsTo, UDP_SINK, [dst, String(port), String(sizes.length)]);
  await sink.ready;
  await nodeInNs(nsFrom, UDP_SEND, [dst, String(port), sizes.join(',')]).done;
  await sink.done;
}

const TCP_SERVER = `
const net = require('node:net');
const [ip, port] = process.argv.slice(1);
const srv = net.createServer((c) => {
  let n = 0;
  c.on('data', (d) => (n += d.length));
  c.on('end', () => { c.end(); srv.close(); console.log(String(n)); });
});
srv.listen(Number(port), ip, () => console.log('ready'));
`;

const TCP_CLIENT = `
const net = require('node:net');
const [ip, port, hex] = process.argv.slice(1);
const c = net.connect(Number(port), ip, () => { c.setNoDelay(true); c.end(Buffer.from(hex, 'hex')); });
c.resume();
`;

/** One TCP connection from nsClient to dst:port carrying `payload`; resolves with what the server counted. */
export async function tcpExchange(nsClient: string, nsServer: string, dst: string, port: number, payload: Buffer): Promise<number> {
  const server = nodeInNs(nsServer, TCP_SERVER, [dst, String(port)]);
  await server.ready;
  await nodeInNs(nsClient, TCP_CLIENT, [dst, String(port), payload.toString('hex')]).done;
  return Number((await server.done).trim());
}

const RAW_SEND = `
import socket, sys
ifname, dst, src, etype, count, size = sys.argv[1:]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((ifname, 0))
for i in range(int(count)):
    s.send(bytes.fromhex(dst.replace(':', '')) + bytes.fromhex(src.replace(':', '')) + int(etype, 16).to_bytes(2, 'big') + bytes([i]) * int(size))
`;

/** Raw Ethernet frames sent out of `ifname` in `ns` (payload: `size` bytes of the frame's number). */
export async function sendRawFrames(ns: string, ifname: string, dstMac: string, srcMac: string, etherType: number, count: number, size = 50): Promise<void> {
  await run('ip', ['netns', 'exec', ns, 'python3', '-c', RAW_SEND, ifname, dstMac, srcMac, etherType.toString(16), String(count), String(size)]);
}
