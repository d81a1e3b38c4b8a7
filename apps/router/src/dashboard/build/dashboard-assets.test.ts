import { describe, expect, it } from 'vitest';
import { dashboardAssets } from '../generated/dashboard-assets.ts';
import { bundleDashboard } from './bundle-dashboard.ts';

describe('the generated dashboard assets', () => {
  it('match what the client sources bundle to (run build-dashboard.ts after changing them)', async () => {
    const fresh = await bundleDashboard();
    expect(
      dashboardAssets.script.name,
      'node apps/router/src/dashboard/build/build-dashboard.ts',
    ).toBe(fresh.script.name);
    expect(dashboardAssets.style.name).toBe(fresh.style.name);
    expect(dashboardAssets.script.text === fresh.script.text).toBe(true);
    expect(dashboardAssets.style.text === fresh.style.text).toBe(true);
  });

  it('bundle uPlot with its notice, and load nothing from elsewhere', () => {
    const { script, style } = dashboardAssets;
    expect(script.text).toContain('uPlot 1.6.32 (c) 2025 Leon Sorokin, MIT License');
    expect(style.text).toContain('.uplot');
    // Nothing the CSP would refuse: no eval, no dynamic imports, no remote URLs.
    expect(script.text).not.toMatch(/\beval\(|new Function\(|import\(/);
    expect(`${script.text}${style.text}`).not.toMatch(/https?:\/\/(?!github\.com\/leeoniya)/);
  });
});
