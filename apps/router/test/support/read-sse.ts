import { EventSourceParserStream } from 'eventsource-parser/stream';

/** The `data:` payloads of a server-sent events response, in order. */
export async function readSSE(response: Response): Promise<string[]> {
  if (response.body === null) return [];
  const events = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream());
  const data: string[] = [];
  for await (const event of events) data.push(event.data);
  return data;
}
