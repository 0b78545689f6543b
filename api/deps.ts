import type { Db } from '../prisma/client';
import type { CycleClient } from '../client/cycleClient';
import type { Mailer } from '../mail/mailer';
import type { EngineStatus } from '../client/engineGate';

export interface ApiDeps {
  db: Db;
  cycles: CycleClient;
  /** For the office's resend of a failed notice. */
  mailer?: Mailer;
  mailFrom?: string;
  settings: {
    sessionTtlMinutes: number;
    secureCookies: boolean;
    evidenceDir: string;
    evidenceMaxBytes: number;
    publicUrl: string;
    /** Failed sign-ins allowed per user name and address in 15 minutes. */
    loginAttemptsPer15Min: number;
    /** Failed sign-ins allowed per address across user names in 15 minutes (default 10). */
    loginAttemptsPerAddressPer15Min?: number;
  };
  /** The time human facts happen at (client/cycleActions.ts); the wall clock unless a test skips time. */
  now?: () => Promise<Date>;
  /** Whether Temporal answers, for /readyz. */
  temporalReachable(): Promise<boolean>;
  /** The engine's state for GET /api/engine (issue 14); without it the engine is ready. */
  engineStatus?: () => EngineStatus;
}
