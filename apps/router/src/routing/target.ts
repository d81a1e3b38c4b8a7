/** One place a request can be served: a configured provider and one of its models. */
export interface Target {
  /** `provider/model` */
  id: string;
  providerId: string;
  modelId: string;
  /** Share in a weighted split (aliases with `strategy: weighted`). */
  weight?: number;
}

export function parseTarget(id: string, weight?: number): Target | undefined {
  const slash = id.indexOf('/');
  if (slash <= 0 || slash === id.length - 1) return undefined;
  const target: Target = { id, providerId: id.slice(0, slash), modelId: id.slice(slash + 1) };
  if (weight !== undefined) target.weight = weight;
  return target;
}
