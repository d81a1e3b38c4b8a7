/** One place a request can be served: a configured provider and one of its models. */
export interface Target {
  /** `provider/model` */
  id: string;
  providerId: string;
  modelId: string;
}

export function parseTarget(id: string): Target | undefined {
  const slash = id.indexOf('/');
  if (slash <= 0 || slash === id.length - 1) return undefined;
  return { id, providerId: id.slice(0, slash), modelId: id.slice(slash + 1) };
}
