import { InvalidRequestError } from '../errors/index.ts';

/** One place a request can be served: a configured provider and one of its models. */
export interface Target {
  /** `provider/model` */
  id: string;
  providerId: string;
  modelId: string;
  /** Share in a weighted split (aliases with `strategy: weighted`). */
  weight?: number;
}

/**
 * What a model id may hold: ASCII letters, digits and `. _ - : @ / +` (plus `~ = ,`, which are
 * inert in a URL path), at most 256 of them. No `?`, `#`, `%` or `\`, no spaces, control or
 * non-ASCII characters, and no empty, `.` or `..` segment: a pass-through id ends up in upstream
 * URL paths.
 */
const modelIdPattern = /^[A-Za-z0-9._\-:@/+~=,]{1,256}$/;

export function isValidModelId(id: string): boolean {
  return (
    modelIdPattern.test(id) &&
    !id.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')
  );
}

/** A 400 before any store read or upstream call, naming the field and never echoing the id. */
export function assertValidModelId(id: string, param: string): void {
  if (isValidModelId(id)) return;
  throw new InvalidRequestError({
    message: `${param}: not a valid model id. Ids are letters, digits and . _ - : @ / + ~ = , (at most 256), without empty, '.' or '..' segments.`,
    param,
    code: 'invalid_model_id',
  });
}

export function parseTarget(id: string, weight?: number): Target | undefined {
  const slash = id.indexOf('/');
  if (slash <= 0 || slash === id.length - 1) return undefined;
  const target: Target = { id, providerId: id.slice(0, slash), modelId: id.slice(slash + 1) };
  if (weight !== undefined) target.weight = weight;
  return target;
}
