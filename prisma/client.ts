// One PrismaClient per process, over node-postgres through Prisma's driver adapter.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export type Db = PrismaClient;
export { Prisma } from './generated/client';
export * from './generated/enums';

const DEFAULT_POOL_SIZE = 10;
const poolSizes = new WeakMap<Db, number>();

export function createDb(databaseUrl: string, options: { max?: number } = {}): Db {
  const max = options.max ?? DEFAULT_POOL_SIZE;
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max }) });
  poolSizes.set(db, max);
  return db;
}

/** How many connections the client's pool holds at most. */
export function poolSizeOf(db: Db): number {
  return poolSizes.get(db) ?? DEFAULT_POOL_SIZE;
}
