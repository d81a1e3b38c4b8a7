import { EventStreamCodec } from '@smithy/eventstream-codec';

// The codec @ai-sdk/amazon-bedrock decodes with, so the mock's CRCs and lengths are the real ones.
const codec = new EventStreamCodec(
  (bytes) => new TextDecoder().decode(bytes),
  (text) => new TextEncoder().encode(text),
);

/** Frames a JSON payload as one AWS event-stream `event` message, as Bedrock's ConverseStream does. */
export function encodeAwsEvent(eventType: string, data: string): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: new TextEncoder().encode(data),
  });
}

export interface AwsEventMessage {
  headers: Record<string, string>;
  /** The payload as text (JSON for Bedrock). */
  data: string;
}

/** Splits a complete AWS event-stream body into its messages, checking each CRC. */
export function decodeAwsEvents(body: Uint8Array): AwsEventMessage[] {
  const messages: AwsEventMessage[] = [];
  for (let offset = 0; offset < body.length; ) {
    const view = new DataView(body.buffer, body.byteOffset + offset);
    const totalLength = view.getUint32(0);
    const message = codec.decode(body.subarray(offset, offset + totalLength));
    const headers = Object.fromEntries(
      Object.entries(message.headers).map(([name, header]) => [name, String(header.value)]),
    );
    messages.push({ headers, data: new TextDecoder().decode(message.body) });
    offset += totalLength;
  }
  return messages;
}
