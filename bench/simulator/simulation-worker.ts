import { parentPort } from 'node:worker_threads';
import { runJob, type SimulationJob } from './run-job.ts';

// One job at a time: the virtual clock owns this thread's timers while a job runs.
parentPort?.on('message', (job: SimulationJob) => {
  runJob(job).then(
    (result) => parentPort?.postMessage({ result }),
    (error: unknown) => parentPort?.postMessage({ error: String(error) }),
  );
});
