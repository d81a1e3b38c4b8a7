/** Rejection of `withinBudget` when the call did not settle in time. */
export class BudgetExceeded extends Error {
  constructor(budgetMs: number) {
    super(`did not settle within ${budgetMs} ms`);
    this.name = 'BudgetExceeded';
  }
}

/**
 * Settles with `call()` or rejects with `BudgetExceeded` after `budgetMs`, whichever is first; a
 * synchronous throw rejects too. The inner promise always has handlers attached, so a late
 * rejection is never unhandled, and the timer is cleared as soon as the call settles.
 */
export function withinBudget<T>(call: () => Promise<T>, budgetMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new BudgetExceeded(budgetMs)), budgetMs);
    const settle = () => clearTimeout(timer);
    let pending: Promise<T>;
    try {
      pending = Promise.resolve(call());
    } catch (error) {
      settle();
      reject(error);
      return;
    }
    pending.then(
      (value) => {
        settle();
        resolve(value);
      },
      (error: unknown) => {
        settle();
        reject(error);
      },
    );
  });
}
