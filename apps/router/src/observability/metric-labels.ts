import type { ProviderType, RouterConfig } from '../config/index.ts';
import type { RequestRecord } from './request-record.ts';

/** A label value for anything outside the config: models folded, so a client cannot add series. */
export const otherLabel = 'other';

/** OpenTelemetry's `gen_ai.provider.name` for each provider type (its own name where none is listed). */
const genAiProviderNames: Partial<Record<ProviderType, string>> = {
  azure: 'azure.ai.openai',
  'amazon-bedrock': 'aws.bedrock',
  google: 'gcp.gemini',
  mistral: 'mistral_ai',
  xai: 'x_ai',
};

/** The labels of one `/metrics` series, in the order the series field joins them. */
export const seriesLabels = [
  'gen_ai_operation_name',
  'gen_ai_provider_name',
  'provider',
  'gen_ai_request_model',
  'gen_ai_response_model',
  'error_type',
] as const;

export interface MetricLabeller {
  /** The record's series: its labels joined by tabs, every value bounded by the config. */
  series(record: RequestRecord): string;
  /** The record's key series: the key's masked label and team. */
  keySeries(record: RequestRecord): string;
  /** `gen_ai.provider.name` of a configured provider. */
  genAiProvider(providerId: string): string;
}

/**
 * Label values for `/metrics` and traces, bounded by the config: models not named in it (aliases,
 * alias targets, provider model lists, the catalog) fold into `other`, unknown providers too.
 * @example createMetricLabeller(config).series(record) // 'chat\tmock\tmock\tchat\tmock/echo\t'
 */
export function createMetricLabeller(config: RouterConfig): MetricLabeller {
  const models = knownModels(config);
  const model = (name: string | null) =>
    name === null ? '' : models.has(name) ? name : otherLabel;
  const providerOf = (id: string) =>
    Object.hasOwn(config.providers, id) ? config.providers[id] : undefined;
  const genAiProvider = (providerId: string) => {
    const type = providerOf(providerId)?.type;
    return type === undefined ? otherLabel : (genAiProviderNames[type] ?? type);
  };
  return {
    genAiProvider,
    series(record) {
      const target = record.model ?? record.route.attempts[0]?.target ?? record.route.targets[0];
      const providerId = record.provider ?? target?.slice(0, target.indexOf('/')) ?? '';
      const provider = providerOf(providerId) === undefined ? otherLabel : providerId;
      const errorType = record.status !== 'error' ? '' : safeName(record.error_type ?? 'error');
      const operation = operationOf(record.endpoint);
      const models = `${model(record.requested_model)}\t${model(record.model)}`;
      return `${operation}\t${genAiProvider(providerId)}\t${provider}\t${models}\t${errorType}`;
    },
    keySeries: (record) => `${record.key.label}\t${record.team ?? ''}`,
  };
}

/**
 * The GenAI operation a route performs, by its path.
 * @example operationOf('/v1/embeddings') // 'embeddings'
 */
export function operationOf(endpoint: string): string {
  if (endpoint.includes('embedding')) return 'embeddings';
  if (endpoint.includes('image')) return 'generate_content';
  return 'chat';
}

function knownModels(config: RouterConfig): Set<string> {
  const models = new Set<string>(Object.keys(config.catalog));
  for (const [alias, { targets, rules }] of Object.entries(config.models)) {
    models.add(alias);
    for (const { target } of [...targets, ...rules.flatMap((rule) => rule.targets)]) {
      models.add(target);
    }
  }
  for (const [id, provider] of Object.entries(config.providers)) {
    const names = provider.type === 'mock' ? Object.keys(provider.models) : (provider.models ?? []);
    for (const name of names) models.add(`${id}/${name}`);
  }
  return models;
}

const safeName = (value: string) => (/^[a-z0-9_.-]{1,40}$/i.test(value) ? value : otherLabel);
