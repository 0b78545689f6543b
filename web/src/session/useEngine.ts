// The workflow engine's state (GET /api/engine, issue 14), shared by every component that asks: while
// the first `npm start` builds and starts the engine, the page shows a banner and keeps publishing (and
// every action that needs the engine) disabled; one poll, every few seconds, until it is ready, and
// then the actions enable by themselves.
import { useSyncExternalStore } from 'react';

export interface EngineState {
  state: 'starting' | 'ready' | 'unknown';
  phase?: 'building' | 'starting';
  estimatedSecondsLeft?: number | null;
}

const POLL_MS = 5_000;
let current: EngineState = { state: 'unknown' };
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;

async function poll(): Promise<void> {
  timer = undefined;
  try {
    const response = await fetch('/api/engine', { headers: { accept: 'application/json' } });
    const body = (await response.json()) as { engine?: EngineState };
    // A server without the route (older) or without a gate: its engine came up before the API.
    current = response.ok && body.engine ? body.engine : { state: 'ready' };
  } catch {
    // Not reachable this time: keep what we knew and ask again.
  }
  for (const listener of listeners) listener();
  if (current.state !== 'ready' && listeners.size > 0) timer = setTimeout(() => void poll(), POLL_MS);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (current.state !== 'ready' && !timer) void poll();
  return () => {
    listeners.delete(listener);
  };
}

export function useEngine(): EngineState & { ready: boolean } {
  const engine = useSyncExternalStore(subscribe, () => current);
  // Unknown (the first answer pending) counts as ready: a page never flashes its actions disabled.
  return { ...engine, ready: engine.state !== 'starting' };
}

/** Whole minutes for "about N minutes": at least one while anything is left. */
export const minutesLeft = (seconds: number | null | undefined): number | null =>
  seconds === null || seconds === undefined ? null : Math.max(1, Math.ceil(seconds / 60));
