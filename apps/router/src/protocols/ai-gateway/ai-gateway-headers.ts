import type { Context } from 'hono';
import type { RouterEnv } from '../../context.ts';
import { InvalidRequestError } from '../../errors/index.ts';

/** The protocol version the official client sends; a missing header is accepted too. */
export const supportedProtocolVersion = '0.0.1';
/** The `LanguageModelV4` (and embedding, image, reranking model) specification. */
export const supportedSpecificationVersion = '4';

export interface LanguageModelHeaders {
  modelId: string;
  streaming: boolean;
}

/** Reads `ai-language-model-id`, `ai-language-model-streaming` and the version headers. */
export function readLanguageModelHeaders(c: Context<RouterEnv>): LanguageModelHeaders {
  checkVersions(c, specificationHeader('language'));
  const modelId = requiredHeader(c, 'ai-language-model-id');
  const streaming = c.req.header('ai-language-model-streaming') ?? 'false';
  if (streaming !== 'true' && streaming !== 'false') {
    throw invalidHeader('ai-language-model-streaming', `must be 'true' or 'false'.`);
  }
  return { modelId, streaming: streaming === 'true' };
}

/** The model kinds addressed by `ai-model-id`, each with its own specification header. */
export type ModelKind = 'embedding' | 'image' | 'reranking';

/** `ai-embedding-model-specification-version`, `ai-image-model-...`, `ai-reranking-model-...`. */
export const specificationHeader = (kind: ModelKind | 'language') =>
  `ai-${kind}-model-specification-version`;

/** Reads `ai-model-id` and the version headers of an embedding, image or reranking call. */
export function readModelHeaders(c: Context<RouterEnv>, kind: ModelKind): { modelId: string } {
  checkVersions(c, specificationHeader(kind));
  return { modelId: requiredHeader(c, 'ai-model-id') };
}

/** Reads `ai-model-id` and the version headers of an embedding call. */
export const readEmbeddingModelHeaders = (c: Context<RouterEnv>) =>
  readModelHeaders(c, 'embedding');

function checkVersions(c: Context<RouterEnv>, headerName: string) {
  const protocol = c.req.header('ai-gateway-protocol-version');
  if (protocol !== undefined && protocol !== supportedProtocolVersion) {
    throw invalidHeader(
      'ai-gateway-protocol-version',
      `'${protocol}' is not supported; this gateway speaks ${supportedProtocolVersion}.`,
    );
  }
  // Callers without the SDK (curl) may leave it out; the SDK always sends it.
  const specification = c.req.header(headerName);
  if (specification !== undefined && specification !== supportedSpecificationVersion) {
    throw invalidHeader(
      headerName,
      `'${specification}' is not supported; this gateway serves specification version ${supportedSpecificationVersion}.`,
    );
  }
}

/** Longer than any model id or alias; the routing core checks the id's shape itself. */
const maxModelIdLength = 256;

function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function requiredHeader(c: Context<RouterEnv>, name: string): string {
  const value = c.req.header(name)?.trim();
  if (value === undefined || value === '') {
    throw new InvalidRequestError({
      message: `The ${name} header is required: it names the model to call.`,
      param: name,
      code: 'missing_header',
    });
  }
  if (value.length > maxModelIdLength || hasControlCharacter(value)) {
    throw invalidHeader(
      name,
      `must be a model id of at most ${maxModelIdLength} characters, without control characters.`,
    );
  }
  return value;
}

function invalidHeader(name: string, problem: string) {
  return new InvalidRequestError({
    message: `The ${name} header ${problem}`,
    param: name,
    code: 'invalid_header',
  });
}
