// The workflow engine as the API sees it while `npm start` is still building or starting the embedded
// Temporal server (issue 14): the API and the web app are served as soon as PostgreSQL is up, so the
// office can sign in and set targets (Art. 8: drafting targets needs no workflow), and every call that
// needs a workflow is refused with EngineStartingError (503 ENGINE_STARTING + Retry-After) until the
// engine is ready — before it touches anything, so nothing is half-written.
import type { CycleClient } from './cycleClient';

export type EnginePhase = 'building' | 'starting';

export type EngineStatus =
  | {
      state: 'starting';
      /** building: the embedded server is being compiled (first start only); starting: it, and the worker, start. */
      phase: EnginePhase;
      since: string;
      /** When the engine is expected to be ready, or null while there is no estimate. */
      estimatedReadyAt: string | null;
    }
  | { state: 'ready'; since: string };

/** Raised by every engine call of a gate that is not open yet. */
export class EngineStartingError extends Error {
  override name = 'EngineStartingError';
  constructor(
    public readonly retryAfterSeconds: number,
    public readonly estimatedReadyAt: string | null,
  ) {
    super(
      estimatedReadyAt
        ? `the workflow engine is starting (expected ready at ${estimatedReadyAt}); nothing was saved, try again later`
        : 'the workflow engine is starting; nothing was saved, try again later',
    );
  }
}

/** Retry-After while starting: until the estimate, within bounds a person would wait. */
const MIN_RETRY_SECONDS = 5;
const MAX_RETRY_SECONDS = 120;
const DEFAULT_RETRY_SECONDS = 15;

export interface EngineGate {
  /** A CycleClient that refuses with EngineStartingError until {@link open}, then is the real one. */
  cycles: CycleClient;
  status(): EngineStatus;
  /** For /readyz: false until open, then the real engine's answer. */
  temporalReachable(): Promise<boolean>;
  /** Progress while starting (the build's estimate). */
  report(phase: EnginePhase, estimatedReadyAt: Date | null): void;
  open(cycles: CycleClient, temporalReachable: () => Promise<boolean>): void;
}

/** A gate already open: deployments whose engine is there before the API (docker-compose, the tests). */
export function openEngineGate(cycles: CycleClient, temporalReachable: () => Promise<boolean>): EngineGate {
  const gate = createEngineGate();
  gate.open(cycles, temporalReachable);
  return gate;
}

export function createEngineGate(now: () => Date = () => new Date()): EngineGate {
  let status: EngineStatus = {
    state: 'starting',
    phase: 'starting',
    since: now().toISOString(),
    estimatedReadyAt: null,
  };
  let inner: CycleClient | undefined;
  let reachable: () => Promise<boolean> = async () => false;

  const engine = (): CycleClient => {
    if (inner) return inner;
    const at = status.state === 'starting' ? status.estimatedReadyAt : null;
    const seconds = at
      ? Math.min(
          MAX_RETRY_SECONDS,
          Math.max(MIN_RETRY_SECONDS, Math.ceil((Date.parse(at) - now().getTime()) / 1000)),
        )
      : DEFAULT_RETRY_SECONDS;
    throw new EngineStartingError(seconds, at);
  };

  const cycles: CycleClient = {
    start: async (...args) => engine().start(...args),
    update: async (...args) => engine().update(...args),
    query: async (...args) => engine().query(...args),
    signal: async (...args) => engine().signal(...args),
    startFeedback: async (...args) => engine().startFeedback(...args),
    status: async (...args) => engine().status(...args),
    isRunning: async (...args) => engine().isRunning(...args),
  };

  return {
    cycles,
    status: () => status,
    temporalReachable: () => reachable(),
    report(phase, estimatedReadyAt) {
      if (status.state !== 'starting') return;
      status = { ...status, phase, estimatedReadyAt: estimatedReadyAt?.toISOString() ?? null };
    },
    open(real, realReachable) {
      inner = real;
      reachable = realReachable;
      status = { state: 'ready', since: now().toISOString() };
    },
  };
}
