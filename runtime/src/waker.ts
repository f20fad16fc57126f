// The waker: how a leaf future tells the executor that the task waiting on it can make progress.
// A task is its own waker, so registering one allocates nothing.

/**
 * Something that can be woken. `wake()` must be idempotent and cheap: a leaf future may call
 * it more than once, or after the task stopped waiting (a spurious wake only costs a poll).
 */
export interface Waker {
  wake(): void;
}

/** A waker that does nothing: for polling a future outside any task (tests, `tryPoll`). */
export const noopWaker: Waker = { wake() {} };
