// Issue 16: a start that finds the embedded Temporal server of an earlier start still running on its
// DATA_DIR (a main job killed a moment ago; the server stops itself within seconds, but a new start can
// be quicker) stops that one cleanly first, instead of failing on its port or its SQLite file. The real
// server (tools/temporal-dev-server), started twice on one DATA_DIR.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import {
  ensureDevServerBinary,
  startTemporalDevServer,
  temporalDataDir,
} from '../../runtime/temporalDevServer';
import { isAlive } from '../../runtime/staleProcess';
import { freePort } from '../support/mainJob';

describe('a stale embedded Temporal server on the same DATA_DIR', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaohe-stale-temporal-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test('is stopped cleanly before the next one starts; the namespace and its data are kept', async () => {
    await ensureDevServerBinary();
    const port = await freePort();
    const first = await startTemporalDevServer({ dataDir, port });
    const firstPid = first.process.pid!;
    expect(Number(fs.readFileSync(path.join(temporalDataDir(dataDir), 'server.pid'), 'utf8'))).toBe(firstPid);
    const connection = await Connection.connect({ address: first.address });
    await connection.workflowService.registerNamespace({
      namespace: 'kept-across',
      // protobufjs takes a number where the generated type says Long.
      workflowExecutionRetentionPeriod: { seconds: 86_400 as never },
    });
    await connection.close();

    // The same port: a second server could not bind it while the first one lives.
    const lines: string[] = [];
    const second = await startTemporalDevServer({ dataDir, port, log: (line) => lines.push(line) });
    try {
      expect(isAlive(firstPid)).toBe(false);
      expect(first.process.exitCode ?? first.process.signalCode).not.toBeNull();
      expect(lines).toContain(
        `Stopped the embedded Temporal server (pid ${firstPid}) a killed start left running`,
      );
      const again = await Connection.connect({ address: second.address });
      const described = await again.workflowService.describeNamespace({ namespace: 'kept-across' });
      expect(described.namespaceInfo?.name).toBe('kept-across');
      await again.close();
    } finally {
      await second.stop();
    }
    expect(fs.existsSync(path.join(temporalDataDir(dataDir), 'server.pid'))).toBe(false);
  }, 120_000);
});
