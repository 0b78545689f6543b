-- AlterTable
ALTER TABLE "Checkpoint" ADD COLUMN     "closedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Cycle" ADD COLUMN     "engine" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "evaluationMinimumAt" TIMESTAMP(3),
ADD COLUMN     "everyoneRankedAt" TIMESTAMP(3),
ADD COLUMN     "frozenAt" TIMESTAMP(3);

-- Cycles that existed before this change run the engine-1 workflow; new ones engine 2.
ALTER TABLE "Cycle" ALTER COLUMN "engine" SET DEFAULT 2;
