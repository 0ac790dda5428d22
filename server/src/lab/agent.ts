// The program each network namespace runs (`ip netns exec NS node -e AGENT`): it listens on the
// addresses and ports it is given, answers with the source address it saw (TCP: write it and
// close; UDP: echo the datagram with it, so a probe learns what NAT made of its source), sends
// its probes with a timeout each and a bounded number at a time, and reports as JSON lines. It is
// plain JavaScript in a string so that it runs from any bundle; it ends itself at its deadline,
// when its standard input closes, or when the parent is gone.

export const AGENT_SOURCE = String.raw`
'use strict';
const net = require('node:net');
const dgram = require('node:dgram');
const readline = require('node:readline');
const CONCURRENCY = 64;
const PROBE = 'lync-ports lab probe ';
const ANSWER = 'lync-ports lab answer ';
const RESEND_MS = 200;
/** UDP listeners by address:port: a probe from a listened port (STUN 3478 to 3478) sends from that socket. */
const udpListeners = new Map();
/** Probes waiting on a listener socket, by listener|peer. */
const waiting = new Map();
const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const message = JSON.parse(line);
  if (message.listen) listen(message);
  else if (message.probes) probeAll(message);
});
lines.on('close', () => process.exit(0));
const startup = setTimeout(() => process.exit(3), 30000);

function listen(message) {
  clearTimeout(startup);
  setTimeout(() => process.exit(3), message.deadlineMs).unref();
  const failed = [];
  let pending = message.listen.length;
  const done = (listener, error) => {
    if (error) {
      const { address, transport, port } = listener;
      failed.push({ address, transport, port, error: error.code || String(error) });
    }
    if (--pending === 0) send({ ready: true, failed });
  };
  if (pending === 0) send({ ready: true, failed });
  for (const listener of message.listen) {
    if (listener.transport === 'tcp') {
      const server = net.createServer((socket) => {
        socket.on('error', () => {});
        socket.end(String(socket.remoteAddress));
      });
      server.once('error', (error) => done(listener, error));
      server.listen({ host: listener.address, port: listener.port, exclusive: true }, () => done(listener));
    } else {
      const socket = dgram.createSocket('udp4');
      const key = listener.address + ':' + listener.port;
      udpListeners.set(key, socket);
      socket.on('message', (data, from) => {
        const text = data.toString();
        // A probe is answered; an answer goes to the probe that waits for it, and is never answered
        // again (two listeners would echo each other until the deadline).
        if (text.startsWith(PROBE))
          socket.send(ANSWER + text.slice(PROBE.length) + ' ' + from.address, from.port, from.address);
        else if (text.startsWith(ANSWER)) waiting.get(key + '|' + from.address + ':' + from.port)?.(seenIn(text));
      });
      socket.once('error', (error) => done(listener, error));
      socket.bind({ address: listener.address, port: listener.port, exclusive: true }, () => done(listener));
    }
  }
}

function probeAll(message) {
  const probes = message.probes;
  const results = [];
  let next = 0;
  let active = 0;
  const launch = () => {
    while (active < CONCURRENCY && next < probes.length) {
      const probe = probes[next++];
      active++;
      probeOne(probe, message.timeoutMs, (got, detail, seen) => {
        results.push({ id: probe.id, got, detail, seen });
        active--;
        if (results.length === probes.length) send({ results });
        else launch();
      });
    }
  };
  if (probes.length === 0) send({ results });
  else launch();
}

/** The source address the listener saw, the answer's last word. */
function seenIn(text) {
  return text.slice(text.lastIndexOf(' ') + 1);
}

function probeOne(probe, timeoutMs, report) {
  let settled = false;
  let close = () => {};
  const finish = (got, detail, seen) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    close();
    report(got, detail, seen);
  };
  const timer = setTimeout(() => finish('drop', 'timeout'), timeoutMs);
  if (probe.transport === 'tcp') {
    const socket = net.connect({ host: probe.dst, port: probe.port, localAddress: probe.src, localPort: probe.sport });
    close = () => socket.destroy();
    // Connected is passed; the listener's words (the source it saw) come before its end.
    let said = '';
    socket.on('data', (data) => {
      said += data.toString();
    });
    socket.once('end', () => finish('pass', undefined, said));
    socket.once('error', (error) => finish('error', error.code || String(error)));
  } else {
    const key = probe.src + ':' + probe.sport;
    const shared = udpListeners.get(key);
    const socket = shared || dgram.createSocket('udp4');
    const peer = key + '|' + probe.dst + ':' + probe.port;
    // Datagrams may be lost while the links come up, as on any network: resend until the timeout.
    let resend;
    const sendOnce = () => socket.send(PROBE + probe.id, probe.port, probe.dst, () => {});
    close = () => {
      clearInterval(resend);
      waiting.delete(peer);
      if (!shared) socket.close();
    };
    const start = () => {
      sendOnce();
      resend = setInterval(sendOnce, RESEND_MS);
    };
    if (shared) {
      waiting.set(peer, (seen) => finish('pass', undefined, seen));
      start();
      return;
    }
    socket.once('error', (error) => finish('error', error.code || String(error)));
    socket.on('message', (data, from) => {
      const text = data.toString();
      if (from.address === probe.dst && from.port === probe.port && text.startsWith(ANSWER))
        finish('pass', undefined, seenIn(text));
    });
    socket.bind({ address: probe.src, port: probe.sport, exclusive: true }, start);
  }
}
`;
