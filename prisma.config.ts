// Prisma CLI configuration. The database URL is only needed by migrate commands, which this project
// replaces with prisma/applyMigrations.ts (the native schema engine cannot be downloaded here).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/kaohe' },
});
