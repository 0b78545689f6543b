// The committed migrations (prisma/migrations, applied by prisma/applyMigrations.ts) must build exactly
// the database schema.prisma describes, since `prisma migrate dev` cannot check that here. Each side is
// reduced to one line per fact (table, column type/nullability/default, key, index, foreign key, enum)
// and the two sets must be equal; a failure lists the facts missing on each side.
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { constraintName, expectedShape, readDatamodel } from './expectedShape';
import { introspectShape } from './introspectShape';
import { compareShapes, shapeFacts, type SchemaShape } from './schemaShape';

const SCHEMA_PATH = path.join(__dirname, '../../prisma/schema.prisma');

async function shapeOf(database: TestDatabase): Promise<SchemaShape> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return await introspectShape(client);
  } finally {
    await client.end();
  }
}

async function execute(database: TestDatabase, sql: string): Promise<void> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('the migrations build what schema.prisma describes', () => {
  const expected = expectedShape(readDatamodel(SCHEMA_PATH));
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  test('every table, column, key, index, foreign key and enum, and nothing more', async () => {
    expect(compareShapes(expected, await shapeOf(database))).toEqual({
      missingFromDatabase: [],
      notInSchema: [],
    });
  });

  test('enum values keep the order schema.prisma gives them', async () => {
    const actual = await shapeOf(database);
    const valuesOf = (shape: SchemaShape, name: string) => shape.enums.find((e) => e.name === name)?.values;
    expect(valuesOf(actual, 'Grade')).toEqual(['GOOD', 'FAIRLY_GOOD', 'PASS', 'FAIL']);
    for (const e of expected.enums) expect([e.name, valuesOf(actual, e.name)]).toEqual([e.name, e.values]);
  });
});

describe("Prisma's rules, as the expected side applies them to this schema", () => {
  const facts = shapeFacts(expectedShape(readDatamodel(SCHEMA_PATH)));

  test('types: String is text, DateTime is timestamp(3), Json is jsonb, Decimal keeps its precision, enums their type', () => {
    expect(facts).toEqual(
      expect.arrayContaining([
        'column "User"."email" text NULL',
        'column "Cycle"."year" integer NOT NULL',
        'column "Cycle"."selfCheckDueAt" timestamp(3) without time zone NOT NULL',
        'column "Cycle"."scoringConfig" jsonb NOT NULL',
        'column "AuditLog"."before" jsonb NULL',
        'column "Indicator"."weight" numeric(9,4) NOT NULL',
        'column "UnitResult"."total" numeric(12,2) NOT NULL',
        'column "Incentive"."amount" numeric(12,2) NULL',
        'column "User"."role" enum "Role" NOT NULL',
      ]),
    );
  });

  test('defaults: now() and literals live in the database; uuid() and @updatedAt do not; autoincrement is a sequence', () => {
    expect(facts).toEqual(
      expect.arrayContaining([
        'column "User"."id" text NOT NULL',
        'column "User"."updatedAt" timestamp(3) without time zone NOT NULL',
        'column "User"."createdAt" timestamp(3) without time zone NOT NULL DEFAULT CURRENT_TIMESTAMP',
        `column "User"."locale" text NOT NULL DEFAULT 'zh-CN'::text`,
        'column "User"."active" boolean NOT NULL DEFAULT true',
        'column "Cycle"."explanationDays" integer NOT NULL DEFAULT 15',
        `column "Cycle"."stage" enum "CycleStage" NOT NULL DEFAULT 'TARGET_SETTING'::"CycleStage"`,
        `column "CheckpointVerification"."evidenceJudged" jsonb NOT NULL DEFAULT '[]'::jsonb`,
        `column "AuditLog"."outcome" text NOT NULL DEFAULT 'OK'::text`,
        `column "LoginAttempt"."id" bigint NOT NULL DEFAULT nextval('"LoginAttempt_id_seq"'::regclass)`,
      ]),
    );
  });

  test('keys and indexes are named <Model>_<columns>_pkey/_key/_idx', () => {
    expect(facts).toEqual(
      expect.arrayContaining([
        'primary key "User_pkey" on "User" ("id")',
        'primary key "NonUndertaking_pkey" on "NonUndertaking" ("indicatorId", "unitId")',
        'unique index "User_username_key" on "User" ("username")',
        'unique index "Ranking_cycleId_kind_evaluatorKey_categoryId_key" on "Ranking" ("cycleId", "kind", "evaluatorKey", "categoryId")',
        'index "User_role_idx" on "User" ("role")',
        'index "LoginAttempt_username_at_idx" on "LoginAttempt" ("username", "at")',
      ]),
    );
  });

  test('foreign keys: optional ones set null, required ones restrict, onDelete: Cascade cascades; updates cascade', () => {
    expect(facts).toEqual(
      expect.arrayContaining([
        'foreign key "User_unitId_fkey" on "User" ("unitId") references "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE',
        'foreign key "Unit_categoryId_fkey" on "Unit" ("categoryId") references "Category" ("id") ON DELETE RESTRICT ON UPDATE CASCADE',
        'foreign key "Session_userId_fkey" on "Session" ("userId") references "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE',
        'foreign key "Notification_cycleId_fkey" on "Notification" ("cycleId") references "Cycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE',
      ]),
    );
  });

  test('generated names longer than 63 bytes are cut before the suffix, as PostgreSQL would otherwise do silently', () => {
    expect(constraintName('Unit_code', '_key')).toBe('Unit_code_key');
    const long = constraintName(`CheckpointVerification_${'evidence'.repeat(6)}`, '_idx');
    expect(long).toHaveLength(63);
    expect(long).toBe(`CheckpointVerification_${'evidence'.repeat(6)}`.slice(0, 59) + '_idx');
  });
});

describe('the comparison notices a migration that drifts from the schema', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  test('a dropped column, a changed type, a lost index and a different delete rule each show up', async () => {
    await execute(
      database,
      `ALTER TABLE "User" DROP COLUMN "title";
       ALTER TABLE "UnitResult" ALTER COLUMN "total" TYPE DECIMAL(12,4);
       DROP INDEX "User_role_idx";
       ALTER TABLE "Session" DROP CONSTRAINT "Session_userId_fkey";
       ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;`,
    );

    const difference = compareShapes(expectedShape(readDatamodel(SCHEMA_PATH)), await shapeOf(database));

    expect(difference).toEqual({
      missingFromDatabase: [
        'column "UnitResult"."total" numeric(12,2) NOT NULL',
        'column "User"."title" text NULL',
        'foreign key "Session_userId_fkey" on "Session" ("userId") references "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE',
        'index "User_role_idx" on "User" ("role")',
      ],
      notInSchema: [
        'column "UnitResult"."total" numeric(12,4) NOT NULL',
        'foreign key "Session_userId_fkey" on "Session" ("userId") references "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE',
      ],
    });
  });
});
