import { InvalidRequestError } from '../../errors/index.ts';

/** A function as the client names it: Codex puts some functions in a namespace. */
export interface ClientFunctionName {
  name: string;
  namespace?: string | undefined;
}

export interface FunctionName extends ClientFunctionName {
  /** The name the model sees: `namespace__name` for namespaced functions. */
  canonical: string;
}

const separator = '__';
const maxNameLength = 64;

/**
 * The function names of one request, both ways. Providers know no namespaces, so a namespaced
 * function is offered as `namespace__name` and its calls are answered with the namespace again.
 * @example
 * const names = new ToolNames();
 * names.add({ name: 'close_agent', namespace: 'agents' }, 'tools[0]'); // canonical agents__close_agent
 * names.clientOf('agents__close_agent'); // { name: 'close_agent', namespace: 'agents' }
 */
export class ToolNames {
  readonly #byCanonical = new Map<string, FunctionName>();

  /** Registers a tool; a name used twice or too long once flattened is a 400. */
  add(client: ClientFunctionName, param: string): FunctionName {
    const canonical = canonicalName(client);
    if (canonical.length > maxNameLength) {
      throw new InvalidRequestError({
        message: `The function '${client.name}' in namespace '${client.namespace}' needs a name of at most ${maxNameLength} characters once flattened to '${canonical}'.`,
        param,
      });
    }
    if (this.#byCanonical.has(canonical)) {
      throw new InvalidRequestError({ message: `Two tools are named '${canonical}'.`, param });
    }
    const entry = { ...client, canonical };
    this.#byCanonical.set(canonical, entry);
    return entry;
  }

  /** The canonical name of a registered function, looked up by its plain name when unique. */
  canonicalOf(client: ClientFunctionName): string | undefined {
    const direct = canonicalName(client);
    if (this.#byCanonical.has(direct)) return direct;
    if (client.namespace != null) return undefined;
    const matches = [...this.#byCanonical.values()].filter((entry) => entry.name === client.name);
    return matches.length === 1 ? matches[0]?.canonical : undefined;
  }

  /** How the client knows a function the model called (unknown names pass unchanged). */
  clientOf(canonical: string): ClientFunctionName {
    const entry = this.#byCanonical.get(canonical);
    if (entry === undefined) return { name: canonical };
    return entry.namespace === undefined
      ? { name: entry.name }
      : { name: entry.name, namespace: entry.namespace };
  }
}

/** `namespace__name`, or the name itself outside a namespace. */
export function canonicalName(client: ClientFunctionName): string {
  return client.namespace == null || client.namespace === ''
    ? client.name
    : `${client.namespace}${separator}${client.name}`;
}
