import { describe, expect, it } from 'vitest';
import { UpstreamError } from './upstream-error.ts';

describe('UpstreamError', () => {
  it('redacts a key in any message it is given, wherever it was built', () => {
    const error = new UpstreamError({
      provider: 'openai',
      message: "Provider 'openai' said: key sk-proj-Ab12Cd34Ef56Gh78Ij90 is over quota.",
      upstreamStatus: 400,
      isRetryable: false,
    });
    expect(error.message).toBe("Provider 'openai' said: key sk-proj-[redacted] is over quota.");
    expect(JSON.stringify(error.toJSON())).not.toContain('Ab12Cd34');
  });
});
