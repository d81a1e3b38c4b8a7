import type { Random } from '../../../apps/router/src/guardrails/__fixtures__/synthetic-values.ts';

/** The variable a credential of each kind is usually kept in. */
export const variableNames: Record<string, string> = {
  'openai-api-key': 'OPENAI_API_KEY',
  'anthropic-api-key': 'ANTHROPIC_API_KEY',
  'sk-api-key': 'DEEPSEEK_API_KEY',
  'aws-access-key-id': 'AWS_ACCESS_KEY_ID',
  'aws-secret-access-key': 'AWS_SECRET_ACCESS_KEY',
  'google-api-key': 'GOOGLE_API_KEY',
  'google-oauth-client-secret': 'GOOGLE_CLIENT_SECRET',
  'github-token': 'GITHUB_TOKEN',
  'github-fine-grained-token': 'GH_PAT',
  'gitlab-token': 'GITLAB_TOKEN',
  'slack-token': 'SLACK_BOT_TOKEN',
  'slack-webhook-url': 'SLACK_WEBHOOK_URL',
  'discord-webhook-url': 'DISCORD_WEBHOOK',
  'stripe-secret-key': 'STRIPE_SECRET_KEY',
  'twilio-api-key': 'TWILIO_API_KEY',
  'sendgrid-api-key': 'SENDGRID_API_KEY',
  'mailgun-api-key': 'MAILGUN_API_KEY',
  'mailchimp-api-key': 'MAILCHIMP_KEY',
  'npm-token': 'NPM_TOKEN',
  'pypi-token': 'PYPI_TOKEN',
  'huggingface-token': 'HF_TOKEN',
  'groq-api-key': 'GROQ_API_KEY',
  'xai-api-key': 'XAI_API_KEY',
  'replicate-api-token': 'REPLICATE_API_TOKEN',
  'perplexity-api-key': 'PERPLEXITY_API_KEY',
  'digitalocean-token': 'DIGITALOCEAN_TOKEN',
  'shopify-token': 'SHOPIFY_ACCESS_TOKEN',
  'databricks-token': 'DATABRICKS_TOKEN',
  'square-token': 'SQUARE_ACCESS_TOKEN',
  'azure-storage-key': 'AZURE_STORAGE_KEY',
  jwt: 'SESSION_TOKEN',
  'assigned-secret': 'DB_PASSWORD',
};

type Context = (value: string, name: string) => string;

/** Where a credential turns up in what people paste into a model, `{value}` marking it. */
const generalContexts: Context[] = [
  (value, name) => `DATABASE_URL=postgres://app@db:5432/app\n${name}=${value}\nLOG_LEVEL=info\n`,
  (value, name) =>
    `{\n  "service": "billing",\n  "${name.toLowerCase()}": "${value}",\n  "timeout": 30\n}`,
  (value, name) => `export ${name}='${value}'\npnpm run deploy --env staging`,
  (value) =>
    `hey, the deploy keeps failing with 401 — this is the key I set: ${value} can you see what's wrong?`,
  (value) =>
    `curl https://api.internal.acme-corp.io/v1/items \\\n  -H "Authorization: Bearer ${value}" \\\n  -H 'content-type: application/json'`,
  (value) => `  credentials:\n    token: ${value}\n    rotate_days: 90\n`,
  (value) =>
    `2024-11-02T10:14:55Z WARN retrying upstream call with key=${value} attempt=2 status=401`,
  (value) => `Use this one for staging: \`${value}\` (prod is in the vault).`,
  (value, name) => `import os\n\nos.environ["${name}"] = "${value}"\nclient = make_client()\n`,
  (value, name) => `const config = {\n  ${camel(name)}: '${value}',\n  retries: 3,\n};`,
  (value, name) => `| setting | value |\n|---|---|\n| ${name} | ${value} |\n| region | eu-west-1 |`,
  (value) =>
    `Traceback (most recent call last):\n  File "sync.py", line 41, in main\n    auth = Auth("${value}")\nAuthError: token rejected`,
];

/** Kinds that are only recognisable with their name next to them. */
const namedContexts: Record<string, Context[]> = {
  'aws-secret-access-key': [
    (value) =>
      `[default]\naws_access_key_id = (in the vault)\naws_secret_access_key = ${value}\nregion = eu-central-1\n`,
    (value) => `export AWS_SECRET_ACCESS_KEY=${value}`,
    (value) =>
      `{"AccessKeyId": "see vault", "SecretAccessKey": "${value}", "Expiration": "2025-01-01T00:00:00Z"}`,
    (value) => `aws_secret_access_key: "${value}"`,
  ],
  'azure-storage-key': [
    (value) =>
      `DefaultEndpointsProtocol=https;AccountName=acmelogs;AccountKey=${value};EndpointSuffix=core.windows.net`,
    (value) => `"ConnectionStrings": { "Blob": "AccountName=media;AccountKey=${value};" }`,
  ],
  'assigned-secret': [
    (value) => `DB_PASSWORD=${value}\nDB_USER=app`,
    (value) => `spring.datasource.password=${value}`,
    (value) => `{"username": "svc-reports", "password": "${value}"}`,
    (value) => `client_secret: "${value}"`,
    (value) => `redis: { host: 'cache', password: '${value}' }`,
    (value) => `MYSQL_ROOT_PASSWORD: ${value}`,
    (value) => `api_token = "${value}"`,
  ],
  'slack-webhook-url': [
    (value) => `requests.post("${value}", json={"text": "build finished"})`,
    (value) => `SLACK_WEBHOOK_URL=${value}`,
  ],
  'discord-webhook-url': [(value) => `webhook: ${value}\nusername: release-bot`],
};

/** One labelled text with the value in it, and where. */
export function secretInContext(random: Random, kind: string, value: string) {
  const name = variableNames[kind] ?? 'SECRET';
  const contexts = namedContexts[kind] ?? generalContexts;
  const text = random.pick(contexts)(value, name);
  const start = text.indexOf(value);
  return { text, start, end: start + value.length };
}

function camel(name: string): string {
  return name.toLowerCase().replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
