import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets.ts';

describe('redactSecrets', () => {
  it.each([
    ['sk-proj-Ab12Cd34Ef56Gh78Ij90', 'sk-proj-[redacted]'],
    ['sk-ant-api03-Zx81_Qw72-Er63Ty54', 'sk-ant-[redacted]'],
    ['sk-or-v1-0a1b2c3d4e5f6a7b8c9d', 'sk-or-v1-[redacted]'],
    ['AIzaSyA1b2C3d4E5f6G7h8I9j0', 'AIza[redacted]'],
    ['gsk_Q7w8E9r0T1y2U3i4', 'gsk_[redacted]'],
    ['xai-Ab12Cd34Ef56Gh78', 'xai-[redacted]'],
    ['hf_Ab12Cd34Ef56Gh78', 'hf_[redacted]'],
    ['AKIAIOSFODNN7EXAMPLE', 'AKIA[redacted]'],
    ['Authorization: Bearer abc.def-ghi_jkl', 'Authorization: Bearer [redacted]'],
    ['Basic c2stYWRtaW4tMTIz', 'Basic [redacted]'],
    ['https://x.test/v1?key=AbCdEf123&alt=json', 'https://x.test/v1?key=[redacted]&alt=json'],
    ['x-api-key: s3cr3t-value', 'x-api-key: [redacted]'],
    ['"password": "correct horse"', '"password": [redacted]'],
    ["api_key='hunter2'", 'api_key=[redacted]'],
  ])('redacts %s', (text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it.each([
    "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.",
    'models/gemini-1.5-pro-latest is not found for API version v1beta, or is not supported for generateContent.',
    "Invalid 'messages[0].content': string too long. Expected a string with maximum length 10485760.",
    'max token length: 4096; Basic authentication is not supported; bearer token missing',
    'model claude-3-5-sonnet-20241022 (request 5f0c1a2e-7d3b-4e8a-9c6f-2b1d0e9a8c7f) is overloaded',
    'meta-llama/Llama-3.3-70B-Instruct-Turbo does not support tools',
    'task-specific fine-tunes of risk-assessment models are not available',
  ])('keeps %j as it is', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });

  it('redacts a long random token of no known shape, and a 32-character hex key', () => {
    expect(redactSecrets('key Zq8mP2vL9xR4tN7wK3yH6jB1cF5gD0sAeUiOp rejected')).toBe(
      'key [redacted] rejected',
    );
    expect(redactSecrets('key 3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e rejected')).toBe(
      'key [redacted] rejected',
    );
  });
});
