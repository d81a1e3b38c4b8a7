import { describe, expect, it } from 'vitest';
import { upstreamRequest } from './upstream-request.ts';

const url = 'https://api.example.com/v1/chat/completions?beta=1#ignored';
const stream = () => new ReadableStream<Uint8Array>();

describe('upstreamRequest', () => {
  it('translates a provider call: origin, path with query, method, headers and body', () => {
    const request = upstreamRequest(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Api-Key': ' k ' },
      body: '{}',
    });
    expect(request?.options).toMatchObject({
      origin: 'https://api.example.com',
      path: '/v1/chat/completions?beta=1',
      method: 'POST',
      body: '{}',
    });
    expect(request?.options.headers).toEqual([
      'content-type',
      'application/json',
      'x-api-key',
      'k',
      'accept',
      '*/*',
      'accept-language',
      '*',
      'sec-fetch-mode',
      'cors',
      'user-agent',
      'node',
      'accept-encoding',
      'gzip, deflate',
    ]);
  });

  it('keeps the caller’s own accept, user-agent and accept-encoding', () => {
    const headers = new Headers({ accept: 'text/event-stream', 'user-agent': 'ai-sdk' });
    headers.set('accept-encoding', 'identity');
    const request = upstreamRequest(url, { headers });
    expect(request?.options.headers).toEqual([
      'accept',
      'text/event-stream',
      'accept-encoding',
      'identity',
      'user-agent',
      'ai-sdk',
      'accept-language',
      '*',
      'sec-fetch-mode',
      'cors',
    ]);
  });

  it.each([
    ['a Request object', () => upstreamRequest(new Request(url), undefined)],
    ['a FormData body', () => upstreamRequest(url, { method: 'POST', body: new FormData() })],
    ['a Blob body', () => upstreamRequest(url, { method: 'POST', body: new Blob(['x']) })],
    [
      'URLSearchParams',
      () => upstreamRequest(url, { method: 'POST', body: new URLSearchParams() }),
    ],
    ['a stream without duplex', () => upstreamRequest(url, { method: 'POST', body: stream() })],
    ['redirect: manual', () => upstreamRequest(url, { redirect: 'manual' })],
    ['keepalive', () => upstreamRequest(url, { keepalive: true })],
    ['a cache mode', () => upstreamRequest(url, { cache: 'no-store' })],
    ['a lower-case method', () => upstreamRequest(url, { method: 'post', body: 'x' })],
    ['a GET with a body', () => upstreamRequest(url, { method: 'GET', body: 'x' })],
    [
      'a caller-set content-length',
      () => upstreamRequest(url, { headers: { 'content-length': '0' } }),
    ],
    ['a port fetch blocks', () => upstreamRequest('http://127.0.0.1:6000/', undefined)],
    [
      'credentials in the URL',
      () => upstreamRequest('https://user:pw@api.example.com/', undefined),
    ],
    ['a data: URL', () => upstreamRequest('data:text/plain,hi', undefined)],
    ['a relative URL', () => upstreamRequest('/v1/models', undefined)],
  ])('leaves %s to the global fetch', (_case, translate) => {
    expect(translate()).toBeUndefined();
  });

  it('takes a ReadableStream body with duplex: half, without locking it yet', () => {
    const body = stream();
    const request = upstreamRequest(url, { method: 'POST', body, duplex: 'half' } as RequestInit);
    expect(request).toBeDefined();
    expect(body.locked).toBe(false);
  });
});
