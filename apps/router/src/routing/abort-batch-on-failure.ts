/**
 * Runs the calls of one split batch on a shared signal (the caller's, plus one of the batch's
 * own): the first failure aborts the calls still running and is rethrown. The attempt loop
 * retries a batch whole, so calls left running would be billed twice.
 */
export async function abortBatchOnFailure<T>(
  callerSignal: AbortSignal | undefined,
  run: (abortSignal: AbortSignal) => Promise<T>,
): Promise<T> {
  const batch = new AbortController();
  const abortSignal =
    callerSignal === undefined ? batch.signal : AbortSignal.any([callerSignal, batch.signal]);
  try {
    return await run(abortSignal);
  } catch (error) {
    batch.abort(error);
    throw error;
  }
}
