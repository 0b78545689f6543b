import type { EmbeddedPostgresHandle } from '../../runtime/embeddedPostgres';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __kaohePostgres?: EmbeddedPostgresHandle }).__kaohePostgres?.stop();
}
