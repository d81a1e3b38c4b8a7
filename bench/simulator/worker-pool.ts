import { Worker } from 'node:worker_threads';
import type { JobResult, SimulationJob } from './run-job.ts';

type Reply = { result: JobResult } | { error: string };

/** Runs the jobs on `threads` worker threads, in the order given; results in job order. */
export async function runJobs(
  jobs: SimulationJob[],
  threads: number,
  onDone: (result: JobResult) => void = () => {},
): Promise<JobResult[]> {
  const results: JobResult[] = new Array(jobs.length);
  const queue = jobs.map((job, index) => ({ job, index }));
  const workerUrl = new URL('./simulation-worker.ts', import.meta.url);

  const drain = async () => {
    const worker = new Worker(workerUrl);
    try {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const { job, index } = next;
        const reply = await new Promise<Reply>((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.postMessage(job);
        });
        worker.removeAllListeners('error');
        if ('error' in reply) throw new Error(`${job.scenario}/${job.policy}: ${reply.error}`);
        results[index] = reply.result;
        onDone(reply.result);
      }
    } finally {
      await worker.terminate();
    }
  };

  await Promise.all(Array.from({ length: Math.max(1, threads) }, drain));
  return results;
}
