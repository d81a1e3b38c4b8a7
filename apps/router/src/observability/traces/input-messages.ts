/** Most characters of prompt a span carries. */
const maxLength = 64 * 1024;

type Part = { type: string; content?: string };
type Message = { role: string; parts: Part[] };

/**
 * The prompt of a request body as `gen_ai.input.messages` (JSON: role and text parts; other parts
 * by type only), whatever API it came through: OpenAI chat `messages`, Anthropic `system` and
 * `messages`, Responses `instructions` and `input`, the AI SDK's `prompt`. Undefined when the
 * body holds none. Only sent when the operator opts in.
 * @example inputMessages({ messages: [{ role: 'user', content: 'hi' }] }) // '[{"role":"user","parts":[...]}]'
 */
export function inputMessages(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  const messages: Message[] = [];
  for (const system of [body.system, body.instructions]) {
    const parts = partsOf(system);
    if (parts.length > 0) messages.push({ role: 'system', parts });
  }
  const list = body.messages ?? body.prompt ?? body.input;
  if (typeof list === 'string')
    messages.push({ role: 'user', parts: [{ type: 'text', content: list }] });
  else if (Array.isArray(list)) {
    for (const message of list) {
      if (!isObject(message) || typeof message.role !== 'string') continue;
      messages.push({ role: message.role, parts: partsOf(message.content) });
    }
  }
  if (messages.length === 0) return undefined;
  const text = JSON.stringify(messages);
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}

function partsOf(content: unknown): Part[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', content }];
  if (!Array.isArray(content)) return [];
  return content.flatMap((item): Part[] => {
    if (!isObject(item)) return [];
    if (typeof item.text === 'string') return [{ type: 'text', content: item.text }];
    return [{ type: typeof item.type === 'string' ? item.type : 'unknown' }];
  });
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
