// The main job (`npm start`, runtime/main.ts) in order (issue 14): PostgreSQL and its migrations, the
// seed, the mail inbox → the API and the web app served, the engine 'starting' → the embedded Temporal
// server built (first start only, with progress) and started → the worker → the engine 'ready'. So the
// office can sign in and set targets during the first start's build, and publishing (and every other
// engine action) waits for the engine, refused meanwhile with 503 ENGINE_STARTING.
import type { KaoheConfig } from './config';
import { startEngine, startStorage, type EngineService, type StorageServices } from './startServices';
import { runApiServer, runWorker } from './components';
import { seedFederation, DEMO_PASSWORD } from './seed/seedFederation';
import { formatDuration } from './goBuild';
import { expectedBuildSeconds } from './temporalDevServer';
import { createDb } from '../prisma/client';

/** After the build: the server's start and the worker's bundling of the workflows, on a busy 2-core machine. */
const START_SECONDS_AFTER_BUILD = 30;

export interface MainJobOptions {
  log: (line: string) => void;
  /**
   * Waited for before the engine starts. A seam for tests of the time before the engine is ready
   * (tests/runtime/engineStarting.test.ts), which must not rebuild the server to get that time.
   */
  beforeEngine?: () => Promise<void>;
}

export interface RunningMainJob {
  storage: StorageServices;
  api: Awaited<ReturnType<typeof runApiServer>>;
  /** Resolves once the engine and the worker run (the gate is open); rejects if the engine cannot start. */
  engineReady: Promise<{ temporalAddress: string; worker: Awaited<ReturnType<typeof runWorker>> }>;
  /** True once stop() was called: a start that fails then is no failure to report. */
  readonly stopping: boolean;
  stop(): Promise<void>;
}

export async function startMainJob(config: KaoheConfig, options: MainJobOptions): Promise<RunningMainJob> {
  const { log } = options;
  const storage = await startStorage(config, log);
  let api: RunningMainJob['api'];
  try {
    const seedDb = createDb(storage.databaseUrl);
    try {
      if ((await seedDb.unit.count()) === 0) {
        const summary = await seedFederation(seedDb, { password: DEMO_PASSWORD });
        log(
          `Seeded the federation: ${summary.units} units in ${summary.categories} categories, ${summary.users.length} accounts`,
        );
      }
    } finally {
      await seedDb.$disconnect();
    }
    api = await runApiServer(config, storage);
  } catch (error) {
    await storage.stop();
    throw error;
  }

  const startedAt = Date.now();
  // The first estimate, shown from the first page on: the build when the binary is missing, then the start.
  const buildSeconds = config.TEMPORAL_ADDRESS ? 0 : expectedBuildSeconds();
  api.engine.report(
    buildSeconds ? 'building' : 'starting',
    new Date(startedAt + (buildSeconds + START_SECONDS_AFTER_BUILD) * 1000),
  );
  let stopping = false;
  let engine: EngineService | undefined;
  let worker: Awaited<ReturnType<typeof runWorker>> | undefined;
  const engineReady = (async () => {
    await options.beforeEngine?.();
    engine = await startEngine(config, log, (progress) => {
      api.engine.report(
        progress.phase === 'linking' ? 'starting' : 'building',
        new Date(Date.now() + (progress.estimatedSecondsLeft + START_SECONDS_AFTER_BUILD) * 1000),
      );
    });
    if (stopping) {
      await engine.stop();
      throw new Error('stopped before the engine was ready');
    }
    worker = await runWorker(config, { ...storage, temporalAddress: engine.temporalAddress });
    await api.connectEngine(engine.temporalAddress);
    log(
      `Workflow engine ready after ${formatDuration((Date.now() - startedAt) / 1000)}: publishing is enabled`,
    );
    return { temporalAddress: engine.temporalAddress, worker };
  })();
  // The caller decides what a failure means (main.ts stops and exits); an unobserved one must not crash.
  engineReady.catch(() => undefined);

  let stopped: Promise<void> | undefined;
  return {
    storage,
    api,
    engineReady,
    get stopping() {
      return stopping;
    },
    stop() {
      stopping = true;
      // Once, whoever asks (Ctrl-C during the start, and the start failing because of it).
      stopped ??= (async () => {
        await api.stop();
        await worker?.stop();
        await engine?.stop();
        await storage.stop();
      })();
      return stopped;
    },
  };
}
