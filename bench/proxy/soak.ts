import { runFacts, today, writeResult } from '../lib/results.ts';
import { load, verify } from './measure.ts';
import { growthPercent } from './stats.ts';
import { startTarget } from './targets.ts';

const sampleEverySeconds = 10;

/**
 * Switchyard on Node (cache off) at saturation for `minutes`, JSON and stream requests mixed,
 * RSS sampled every 10 s. Goal: RSS growth after warm-up < 10% and no failed request.
 */
export async function runSoak(
  upstreamUrl: string,
  options: { minutes: number; connections: number },
): Promise<void> {
  const seconds = Math.max(sampleEverySeconds, Math.round(options.minutes * 60));
  const warmupSeconds = Math.min(60, Math.max(10, Math.round(seconds / 10)));
  const target = await startTarget('switchyard', { upstreamUrl });
  const rssMB = () => Math.round(((target.process?.rssBytes() ?? 0) / 2 ** 20) * 10) / 10;
  const specs = [target.json, target.stream];
  const { connections } = options;
  try {
    await verify(target, 'json');
    await verify(target, 'stream');
    console.log(`[soak] warm-up ${warmupSeconds} s at ${connections} connections`);
    const warmup = await load(target, specs, { seconds: warmupSeconds, connections });
    const baselineMB = rssMB();
    console.log(`[soak] after warm-up: RSS ${baselineMB} MB; soaking ${seconds} s`);
    const samples: { atSeconds: number; rssMB: number; requestsPerSecond: number }[] = [];
    let answers = 0;
    const started = Date.now();
    const timer = setInterval(() => {
      const atSeconds = Math.round((Date.now() - started) / 1_000);
      const sample = {
        atSeconds,
        rssMB: rssMB(),
        requestsPerSecond: Math.round(answers / sampleEverySeconds),
      };
      answers = 0;
      samples.push(sample);
      const growth = growthPercent(baselineMB, sample.rssMB).toFixed(1);
      console.log(
        `[soak] ${String(atSeconds).padStart(4)} s  RSS ${sample.rssMB} MB (${growth}%)  ${sample.requestsPerSecond} req/s`,
      );
    }, sampleEverySeconds * 1_000);
    const soak = await load(target, specs, {
      seconds,
      connections,
      onTick: (count) => {
        answers += count;
      },
    });
    clearInterval(timer);
    const finalMB = rssMB();
    const peakMB = Math.max(finalMB, ...samples.map((sample) => sample.rssMB));
    const growth = growthPercent(baselineMB, finalMB);
    const failures = warmup.failures + soak.failures;
    const pass = growth < 10 && failures === 0;
    console.log(
      `\n[soak] ${soak.requests} requests, ${soak.requestsPerSecond} req/s, ${failures} failed`,
    );
    console.log(
      `[soak] RSS after warm-up ${baselineMB} MB, at the end ${finalMB} MB, peak ${peakMB} MB`,
    );
    console.log(
      `${pass ? 'PASS' : 'MISS'} soak: RSS growth after warm-up < 10% (${growth.toFixed(1)}%), zero failed requests (${failures})`,
    );
    const output = writeResult(`proxy-soak-${today()}.json`, {
      benchmark: 'proxy-soak',
      ...runFacts(),
      settings: { seconds, warmupSeconds, connections, sampleEverySeconds },
      requests: soak.requests,
      requestsPerSecond: soak.requestsPerSecond,
      failures,
      rssMB: { afterWarmup: baselineMB, final: finalMB, peak: peakMB },
      growthPercent: Math.round(growth * 10) / 10,
      goal: { growthBelowPercent: 10, zeroFailures: true, status: pass ? 'PASS' : 'MISS' },
      samples,
    });
    console.log(`wrote ${output}`);
  } finally {
    await target.close();
  }
}
