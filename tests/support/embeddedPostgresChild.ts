// Run as a child process by tests/runtime/embeddedPostgresOrphan.test.ts: starts the embedded PostgreSQL
// on the given data directory and port, prints READY, then either waits (to be killed with SIGKILL) or,
// with "stop", stops it and exits.
import { startEmbeddedPostgres } from '../../runtime/embeddedPostgres';

const [dataDir, port, then] = process.argv.slice(2);
startEmbeddedPostgres({ dataDir, port: Number(port), persistent: true })
  .then(async (postgres) => {
    console.log('READY');
    if (then === 'stop') {
      await postgres.stop();
      process.exit(0);
    }
    setInterval(() => undefined, 60_000);
  })
  .catch((error) => {
    console.error('FAILED', error instanceof Error ? error.message : error);
    process.exit(1);
  });
