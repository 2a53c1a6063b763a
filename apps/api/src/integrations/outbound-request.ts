// Requests StudentDesk makes to addresses other people chose (webhook receivers, holiday feeds), fenced against
// server-side request forgery: the address is checked where the connection is made, after DNS,
// so a name that resolves (or re-resolves: DNS rebinding) to an internal address is refused.
// Refused unless WEBHOOK_ALLOW_PRIVATE_TARGETS: loopback, private, link-local, unique-local,
// carrier-grade NAT, multicast, unspecified and reserved addresses, which include the cloud
// metadata services (169.254.169.254, fd00:ec2::254, 100.100.100.200). No redirect is followed,
// and at most ANSWER_LIMIT_BYTES (or the request's answerLimitBytes) of an answer is read.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { DeliverySettings } from '../config.js';

export type OutboundPolicy = Pick<DeliverySettings, 'allowPrivateTargets'>;

/** Enough of a receiver's answer to show why it failed; the rest is never read. */
export const ANSWER_LIMIT_BYTES = 2048;

const refused = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT (Alibaba's metadata service lives here)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, AWS/GCP/Azure metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  refused.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['fc00::', 7], // unique-local, fd00::/8 included
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  refused.addSubnet(network, prefix, 'ipv6');

/** An IPv4 address carried inside an IPv6 one (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d), or null. */
function embeddedIpv4(address: string): string | null {
  const match = /^(?:::ffff:|::|64:ff9b::)(?:([\d.]+)|([\da-f]{1,4}):([\da-f]{1,4}))$/i.exec(address);
  if (!match) return null;
  if (match[1]) return isIP(match[1]) === 4 ? match[1] : null;
  const high = parseInt(match[2]!, 16);
  const low = parseInt(match[3]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Why an IP address is no place for a request from the server, or null when it is a public address. */
export function internalAddressReason(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return null;
  const v4 = family === 6 ? embeddedIpv4(bare.toLowerCase()) : bare;
  const internal = v4 ? refused.check(v4, 'ipv4') : refused.check(bare, 'ipv6');
  return internal ? `${bare} is an internal address (loopback, private, link-local or reserved)` : null;
}

/**
 * Why a URL obviously points inside the network (an internal IP literal in any notation the URL
 * parser accepts, or a localhost name), or null. Names that merely resolve to internal addresses
 * are caught when connecting.
 */
export function internalUrlReason(url: URL): string | null {
  // WHATWG URL parsing already turns decimal, octal and hex IPv4 forms (2130706433, 0177.1, 0x7f.1) into dotted quads.
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is this machine`;
  return internalAddressReason(host);
}

export class OutboundRefused extends Error {
  constructor(reason: string) {
    super(`refused: ${reason}; internal targets need WEBHOOK_ALLOW_PRIVATE_TARGETS=true`);
    this.name = 'OutboundRefused';
  }
}

/** dns.lookup, refusing a name when any of its addresses is internal. */
const checkedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const reason = addresses.map((entry) => internalAddressReason(entry.address)).find(Boolean);
    if (reason) return callback(new OutboundRefused(`${hostname} resolves to ${reason}`), '', 0);
    if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
};

export interface OutboundRequest extends OutboundPolicy {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** How much of the answer to read (ANSWER_LIMIT_BYTES unless given). */
  answerLimitBytes?: number;
}

/** What a request answered: its status and the start of its body. */
export interface OutboundAnswer {
  status: number;
  text: () => Promise<string>;
  /** The answer was longer than the limit; text() holds its start only. */
  truncated: boolean;
}

/**
 * Sends one request and reads at most ANSWER_LIMIT_BYTES of the answer. Rejects with
 * OutboundRefused for an internal target, and with the signal's reason when it aborts.
 */
export function sendOutbound(target: string, request: OutboundRequest): Promise<OutboundAnswer> {
  const url = new URL(target);
  const reason = request.allowPrivateTargets ? null : internalUrlReason(url);
  if (reason) return Promise.reject(new OutboundRefused(reason));
  const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
  if (!client) return Promise.reject(new Error(`${url.protocol} URLs are not supported`));

  const limit = request.answerLimitBytes ?? ANSWER_LIMIT_BYTES;
  return new Promise((resolve, reject) => {
    // Aborted: the signal's reason (a TimeoutError for AbortSignal.timeout), not the socket's complaint.
    const fail = (error: Error) => {
      const reason: unknown = request.signal.aborted ? request.signal.reason : error;
      reject(reason instanceof Error ? reason : error);
    };
    const outgoing = client.request(url, {
      method: request.method,
      headers: request.headers,
      signal: request.signal,
      // A connection of its own, resolved through checkedLookup (an IP literal skips lookup: checked above).
      agent: false,
      ...(request.allowPrivateTargets ? {} : { lookup: checkedLookup }),
    });
    outgoing.on('error', fail);
    outgoing.on('response', (incoming) => {
      const chunks: Buffer[] = [];
      let length = 0;
      const finish = () => {
        const body = Buffer.concat(chunks).subarray(0, limit).toString('utf8');
        resolve({ status: incoming.statusCode ?? 0, text: () => Promise.resolve(body), truncated: length > limit });
      };
      incoming.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        length += chunk.length;
        if (length > limit) {
          // Enough: stop reading and drop the connection rather than download the rest.
          incoming.destroy();
          finish();
        }
      });
      incoming.on('end', finish);
      incoming.on('error', (error) => (length > limit ? finish() : fail(error)));
    });
    outgoing.end(request.body);
  });
}
