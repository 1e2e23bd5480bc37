/** The outcome of one item of a committed batch: its value, or the error that failed it alone. */
export type ItemOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Writes a batch in one transaction and returns one outcome per item, in order. Throws when the
 * transaction itself failed (nothing of the batch is committed): every item is then rejected.
 */
export type CommitBatch<T, R> = (items: readonly T[]) => ItemOutcome<R>[];

export interface GroupCommit<T, R> {
  /** Queues `item` for the next commit; settles only after that commit returned. */
  submit(item: T): Promise<R>;
  /** Commits whatever is queued now (synchronously), e.g. before closing the database. */
  flush(): void;
}

interface Pending<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for a synchronous driver (better-sqlite3): items submitted in the same turn of the
 * event loop — every socket read Node handles before it reaches its check phase — are written by
 * one `commit` on `setImmediate`, at most `maxBatch` per transaction. The driver blocks while it
 * commits, so sends that arrive meanwhile wait in the kernel and join the next batch. Each promise
 * settles only after its batch's commit returned: nothing is acknowledged before it is durable.
 */
export function createGroupCommit<T, R>(
  commit: CommitBatch<T, R>,
  maxBatch: number,
): GroupCommit<T, R> {
  const queue: Pending<T, R>[] = [];
  let scheduled = false;

  function runBatch(batch: Pending<T, R>[]): void {
    let outcomes: ItemOutcome<R>[];
    try {
      outcomes = commit(batch.map((p) => p.item));
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) p.resolve(outcome.value);
      else p.reject(outcome ? outcome.error : new Error('group commit: missing outcome'));
    });
  }

  function drainOne(): void {
    scheduled = false;
    const batch = queue.splice(0, maxBatch);
    // More than one batch waiting: the rest goes after the event loop has had a turn.
    if (queue.length > 0) schedule();
    if (batch.length > 0) runBatch(batch);
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(drainOne);
  }

  return {
    submit(item) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        schedule();
      });
    },
    flush() {
      while (queue.length > 0) runBatch(queue.splice(0, maxBatch));
    },
  };
}
