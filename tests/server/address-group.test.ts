// The per-address connection share (VLAB_MAX_CONNECTIONS_PER_ADDRESS) counted exact addresses until attacker pass
// 24: an IPv6 client, given a whole /64, could open each connection from a new address in it and hold a share per
// address. The share's key is now the /64; an IPv4-mapped address is keyed as its IPv4 address.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import { test } from 'node:test';
import { addressGroup } from '../../server/address-group.ts';
import { busyAnswers } from '../../server/busy-page.ts';
import { capConnections } from '../../server/connection-cap.ts';

test('IPv6 addresses of one /64 share a key, however written; another /64 has its own', () => {
  const sameSlash64 = [
    '2001:db8:85a3:1::1',
    '2001:db8:85a3:1:ffff:ffff:ffff:ffff',
    '2001:0DB8:85A3:0001:1234:5678:9abc:def0',
    '2001:db8:85a3:1:0:0:0:7',
    '2001:db8:85a3:1::192.0.2.1',
    '2001:db8:85a3:1::2%eth0',
  ];
  assert.deepEqual(new Set(sameSlash64.map(addressGroup)), new Set(['2001:db8:85a3:1::/64']));
  assert.equal(addressGroup('2001:db8:85a3:2::1'), '2001:db8:85a3:2::/64');
  assert.equal(addressGroup('::1'), '0:0:0:0::/64');
  assert.equal(addressGroup('fe80::a:b:c:d%eth0'), 'fe80:0:0:0::/64');
  assert.equal(addressGroup('1::'), '1:0:0:0::/64');
});

test('an IPv4-mapped IPv6 address is keyed as the IPv4 address (not one /64 for every IPv4 client)', () => {
  assert.equal(addressGroup('::ffff:192.0.2.1'), '192.0.2.1');
  assert.equal(addressGroup('::FFFF:192.0.2.1'), '192.0.2.1');
  assert.equal(addressGroup('::ffff:c000:201'), '192.0.2.1');
  assert.equal(addressGroup('0:0:0:0:0:ffff:192.0.2.1'), '192.0.2.1');
  assert.notEqual(addressGroup('::ffff:192.0.2.2'), addressGroup('::ffff:192.0.2.1'));
  assert.equal(addressGroup('192.0.2.1'), '192.0.2.1');
});

test('an address that is neither (none: the socket already closed) is its own key', () => {
  assert.equal(addressGroup(''), '');
  assert.equal(addressGroup('not an address'), 'not an address');
  // Forms ipaddr.js would read as IPv4 but a socket never reports: not rewritten into another client's key.
  assert.equal(addressGroup('127.1'), '127.1');
  assert.equal(addressGroup('0x7f.0.0.1'), '0x7f.0.0.1');
});

/** A stand-in for a socket the cap is given: its address and what was written on it (the 503, if refused, once its request came). */
class FakeSocket extends EventEmitter {
  written = '';
  constructor(readonly remoteAddress: string) {
    super();
  }
  end(data: string) {
    this.written += data;
  }
  destroy() {
    this.emit('close');
  }
}

test('the connection cap gives one /64 one share: a client rotating through its /64 is refused past it, another /64 is not', () => {
  const server = new EventEmitter();
  capConnections(server as unknown as Server, 100, 3, busyAnswers(5, []));
  const connectFrom = (address: string) => {
    const socket = new FakeSocket(address);
    server.emit('connection', socket);
    socket.emit('data', Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    return socket.written.startsWith('HTTP/1.1 503 ') ? 'refused' : 'open';
  };
  const rotating = ['2001:db8:1:2::a', '2001:db8:1:2::b', '2001:db8:1:2:ffff::c', '2001:db8:1:2::d'];
  assert.deepEqual(rotating.map(connectFrom), ['open', 'open', 'open', 'refused']);
  assert.equal(connectFrom('2001:db8:1:3::a'), 'open');
  // One IPv4 client over IPv4 and dual-stack IPv6 sockets is one client; another IPv4 client has its own share.
  assert.deepEqual(['192.0.2.1', '::ffff:192.0.2.1', '::ffff:c000:201', '::ffff:192.0.2.1'].map(connectFrom), ['open', 'open', 'open', 'refused']);
  assert.equal(connectFrom('::ffff:192.0.2.2'), 'open');
});
