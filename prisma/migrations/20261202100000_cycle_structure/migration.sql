-- The structure a cycle was published with (issue 14, Art. 6 per year): the participating units with their
-- category and contacts, the rankers (party-group members, ranking departments) and the voters.
-- CreateTable
CREATE TABLE "CycleStructure" (
    "cycleId" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CycleStructure_pkey" PRIMARY KEY ("cycleId")
);

-- CreateTable
CREATE TABLE "CycleUnit" (
    "cycleId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "categoryId" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "categoryName" TEXT NOT NULL,
    "categoryNameEn" TEXT,
    "categorySortOrder" INTEGER NOT NULL,
    "principalLeaderName" TEXT,
    "principalLeaderEmail" TEXT,
    "partyCommitteeName" TEXT,
    "partyCommitteeEmail" TEXT,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "CycleUnit_pkey" PRIMARY KEY ("cycleId","unitId")
);

-- CreateTable
CREATE TABLE "CycleRanker" (
    "cycleId" TEXT NOT NULL,
    "kind" "EvaluatorKind" NOT NULL,
    "evaluatorKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "isLeader" BOOLEAN NOT NULL DEFAULT false,
    "headNames" TEXT NOT NULL DEFAULT '',
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "CycleRanker_pkey" PRIMARY KEY ("cycleId","kind","evaluatorKey")
);

-- AddForeignKey
ALTER TABLE "CycleStructure" ADD CONSTRAINT "CycleStructure_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CycleUnit" ADD CONSTRAINT "CycleUnit_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CycleRanker" ADD CONSTRAINT "CycleRanker_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Cycles published before this migration keep the structure they run with today (the best record there is).
INSERT INTO "CycleStructure" ("cycleId")
SELECT "id" FROM "Cycle" WHERE "publishedAt" IS NOT NULL;

INSERT INTO "CycleUnit" ("cycleId", "unitId", "code", "name", "nameEn", "categoryId", "categoryCode", "categoryName",
    "categoryNameEn", "categorySortOrder", "principalLeaderName", "principalLeaderEmail", "partyCommitteeName",
    "partyCommitteeEmail", "sortOrder")
SELECT c."id", u."id", u."code", u."name", u."nameEn", k."id", k."code", k."name", k."nameEn", k."sortOrder",
    u."principalLeaderName", u."principalLeaderEmail", u."partyCommitteeName", u."partyCommitteeEmail", u."sortOrder"
FROM "Cycle" c CROSS JOIN "Unit" u JOIN "Category" k ON k."id" = u."categoryId"
WHERE c."publishedAt" IS NOT NULL AND u."active";

INSERT INTO "CycleRanker" ("cycleId", "kind", "evaluatorKey", "name", "isLeader", "sortOrder")
SELECT c."id", 'LEADER', u."id", u."displayName", u."role" = 'LEADER',
    (ROW_NUMBER() OVER (PARTITION BY c."id" ORDER BY u."username"))::int
FROM "Cycle" c CROSS JOIN "User" u
WHERE c."publishedAt" IS NOT NULL AND u."active" AND u."role" IN ('LEADER', 'PARTY_MEMBER');

INSERT INTO "CycleRanker" ("cycleId", "kind", "evaluatorKey", "name", "nameEn", "headNames", "sortOrder")
SELECT c."id", 'DEPARTMENT', d."id", d."name", d."nameEn",
    COALESCE((SELECT string_agg(h."displayName", '、' ORDER BY h."username") FROM "User" h
              WHERE h."departmentId" = d."id" AND h."active" AND h."role" = 'DEPARTMENT'), ''),
    d."sortOrder"
FROM "Cycle" c CROSS JOIN "Department" d
WHERE c."publishedAt" IS NOT NULL AND d."ranks";
