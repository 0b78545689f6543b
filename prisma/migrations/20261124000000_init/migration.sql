-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'OFFICE', 'LEADER', 'PARTY_MEMBER', 'DEPARTMENT', 'UNIT', 'THIRD_PARTY');

-- CreateEnum
CREATE TYPE "CycleStage" AS ENUM ('TARGET_SETTING', 'CHECKPOINTS', 'SELF_CHECK', 'VERIFICATION', 'EVALUATION', 'SCORING', 'APPROVAL', 'NOTIFICATION', 'FOLLOW_UP', 'CLOSED');

-- CreateEnum
CREATE TYPE "IndicatorGroup" AS ENUM ('KEY_TASK', 'INSTRUCTION', 'MEETING');

-- CreateEnum
CREATE TYPE "VerificationMethod" AS ENUM ('DOCUMENT_REVIEW', 'ON_SITE');

-- CreateEnum
CREATE TYPE "EvaluatorKind" AS ENUM ('LEADER', 'DEPARTMENT');

-- CreateEnum
CREATE TYPE "AdjustmentKind" AS ENUM ('COMMENDATION_MAJOR', 'COMMENDATION_MINOR', 'CRITICISM_MAJOR', 'CRITICISM_MINOR');

-- CreateEnum
CREATE TYPE "DowngradeReason" AS ENUM ('CADRE_SELECTION', 'PARTY_DISCIPLINE', 'MAJOR_ERROR', 'FALSIFICATION', 'LEADERSHIP_SANCTIONED');

-- CreateEnum
CREATE TYPE "Grade" AS ENUM ('GOOD', 'FAIRLY_GOOD', 'PASS', 'FAIL');

-- CreateEnum
CREATE TYPE "RoundStatus" AS ENUM ('OPEN', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "VoteDecision" AS ENUM ('APPROVE', 'REJECT');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('QUEUED', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "ExplanationStatus" AS ENUM ('PENDING', 'SUBMITTED', 'RETURNED', 'ACCEPTED');

-- CreateEnum
CREATE TYPE "IncentiveKind" AS ENUM ('RECOGNITION', 'RECOGNITION_AND_REWARD');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" TEXT,
    "role" "Role" NOT NULL,
    "title" TEXT,
    "unitId" TEXT,
    "departmentId" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "passwordChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" BIGSERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Category" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "categoryId" TEXT NOT NULL,
    "principalLeaderName" TEXT,
    "principalLeaderEmail" TEXT,
    "partyCommitteeName" TEXT,
    "partyCommitteeEmail" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Department" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "ranks" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Cycle" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "stage" "CycleStage" NOT NULL DEFAULT 'TARGET_SETTING',
    "workflowId" TEXT NOT NULL,
    "scoringConfig" JSONB NOT NULL,
    "approvalRule" JSONB NOT NULL,
    "useThirdParty" BOOLEAN NOT NULL DEFAULT false,
    "selfCheckOpensAt" TIMESTAMP(3) NOT NULL,
    "selfCheckDueAt" TIMESTAMP(3) NOT NULL,
    "verificationDueAt" TIMESTAMP(3) NOT NULL,
    "evaluationDueAt" TIMESTAMP(3) NOT NULL,
    "explanationDays" INTEGER NOT NULL DEFAULT 15,
    "reminderLeadDays" INTEGER NOT NULL DEFAULT 3,
    "docNumber" TEXT,
    "publishedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Cycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StageTransition" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "stage" "CycleStage" NOT NULL,
    "enteredAt" TIMESTAMP(3) NOT NULL,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "actorId" TEXT,
    "note" TEXT,

    CONSTRAINT "StageTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeadlineExtension" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "previousDueAt" TIMESTAMP(3) NOT NULL,
    "newDueAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeadlineExtension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "group" "IndicatorGroup" NOT NULL,
    "weight" DECIMAL(9,4) NOT NULL,
    "standard" TEXT NOT NULL DEFAULT '',
    "departmentId" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Checkpoint" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "indicatorId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "standard" TEXT NOT NULL DEFAULT '',
    "share" DECIMAL(6,4) NOT NULL,

    CONSTRAINT "Checkpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NonUndertaking" (
    "indicatorId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "NonUndertaking_pkey" PRIMARY KEY ("indicatorId","unitId")
);

-- CreateTable
CREATE TABLE "CheckpointSubmission" (
    "id" TEXT NOT NULL,
    "checkpointId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "submittedById" TEXT,

    CONSTRAINT "CheckpointSubmission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceFile" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "unitId" TEXT,
    "submissionId" TEXT,
    "selfCheckId" TEXT,
    "explanationId" TEXT,
    "adjustmentId" TEXT,
    "originalName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storagePath" TEXT NOT NULL,
    "uploadedById" TEXT,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "EvidenceFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckpointVerification" (
    "id" TEXT NOT NULL,
    "checkpointId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "fraction" DECIMAL(6,4) NOT NULL,
    "method" "VerificationMethod" NOT NULL DEFAULT 'DOCUMENT_REVIEW',
    "note" TEXT NOT NULL DEFAULT '',
    "evidenceJudged" JSONB NOT NULL DEFAULT '[]',
    "verifiedById" TEXT NOT NULL,
    "verifiedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CheckpointVerification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SelfCheck" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "indicatorId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "selfFraction" DECIMAL(6,4),
    "text" TEXT NOT NULL DEFAULT '',
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "submittedById" TEXT,

    CONSTRAINT "SelfCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "YearEndVerification" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "indicatorId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "fraction" DECIMAL(6,4) NOT NULL,
    "method" "VerificationMethod" NOT NULL DEFAULT 'DOCUMENT_REVIEW',
    "note" TEXT NOT NULL DEFAULT '',
    "verifiedById" TEXT NOT NULL,
    "verifiedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "YearEndVerification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ranking" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "kind" "EvaluatorKind" NOT NULL,
    "evaluatorKey" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "unitOrder" JSONB NOT NULL,
    "submittedById" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Ranking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThirdPartyScore" (
    "cycleId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "score" DECIMAL(6,2) NOT NULL,
    "enteredById" TEXT NOT NULL,
    "enteredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThirdPartyScore_pkey" PRIMARY KEY ("cycleId","unitId")
);

-- CreateTable
CREATE TABLE "Adjustment" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "kind" "AdjustmentKind" NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "issuedBy" TEXT NOT NULL DEFAULT '',
    "issuedOn" TIMESTAMP(3),
    "note" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Adjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Downgrade" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "levels" INTEGER NOT NULL,
    "reason" "DowngradeReason" NOT NULL,
    "note" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Downgrade_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitResult" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "indicatorScore" DECIMAL(12,6) NOT NULL,
    "indicatorPoints" DECIMAL(12,6) NOT NULL,
    "leaderScore" DECIMAL(12,6) NOT NULL,
    "departmentScore" DECIMAL(12,6) NOT NULL,
    "thirdPartyScore" DECIMAL(12,6),
    "comprehensivePoints" DECIMAL(12,6) NOT NULL,
    "bonus" DECIMAL(12,6) NOT NULL,
    "deduction" DECIMAL(12,6) NOT NULL,
    "downgradeLevels" INTEGER NOT NULL,
    "total" DECIMAL(12,2) NOT NULL,
    "scoreGrade" "Grade" NOT NULL,
    "finalGrade" "Grade" NOT NULL,
    "categoryRank" INTEGER NOT NULL,
    "breakdown" JSONB NOT NULL,
    "opinion" TEXT NOT NULL DEFAULT '',
    "opinionEditedById" TEXT,
    "scoredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UnitResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalRound" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "snapshotHash" TEXT NOT NULL,
    "status" "RoundStatus" NOT NULL DEFAULT 'OPEN',
    "submittedById" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "ApprovalRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalVote" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "voterId" TEXT NOT NULL,
    "decision" "VoteDecision" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "votedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApprovalVote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "cycleId" TEXT,
    "event" TEXT NOT NULL,
    "unitId" TEXT,
    "recipientEmail" TEXT NOT NULL,
    "recipientName" TEXT NOT NULL DEFAULT '',
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "messageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "confirmedById" TEXT,
    "confirmationNote" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Explanation" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "ExplanationStatus" NOT NULL DEFAULT 'PENDING',
    "content" TEXT NOT NULL DEFAULT '',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "submittedAt" TIMESTAMP(3),
    "submittedById" TEXT,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "escalations" INTEGER NOT NULL DEFAULT 0,
    "reviewComment" TEXT NOT NULL DEFAULT '',
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),

    CONSTRAINT "Explanation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incentive" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "kind" "IncentiveKind" NOT NULL,
    "amount" DECIMAL(12,2),
    "note" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Incentive_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorRole" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "cycleId" TEXT,
    "outcome" TEXT NOT NULL DEFAULT 'OK',
    "before" JSONB,
    "after" JSONB,
    "ip" TEXT,
    "eventKey" TEXT,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "User_role_idx" ON "User"("role");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "LoginAttempt_username_at_idx" ON "LoginAttempt"("username", "at");

-- CreateIndex
CREATE INDEX "LoginAttempt_ip_at_idx" ON "LoginAttempt"("ip", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Category_code_key" ON "Category"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");

-- CreateIndex
CREATE INDEX "Unit_categoryId_idx" ON "Unit"("categoryId");

-- CreateIndex
CREATE UNIQUE INDEX "Department_code_key" ON "Department"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Cycle_year_key" ON "Cycle"("year");

-- CreateIndex
CREATE UNIQUE INDEX "Cycle_workflowId_key" ON "Cycle"("workflowId");

-- CreateIndex
CREATE UNIQUE INDEX "StageTransition_cycleId_stage_key" ON "StageTransition"("cycleId", "stage");

-- CreateIndex
CREATE INDEX "DeadlineExtension_cycleId_target_idx" ON "DeadlineExtension"("cycleId", "target");

-- CreateIndex
CREATE UNIQUE INDEX "Indicator_cycleId_code_key" ON "Indicator"("cycleId", "code");

-- CreateIndex
CREATE INDEX "Checkpoint_indicatorId_idx" ON "Checkpoint"("indicatorId");

-- CreateIndex
CREATE UNIQUE INDEX "Checkpoint_cycleId_code_key" ON "Checkpoint"("cycleId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "CheckpointSubmission_checkpointId_unitId_key" ON "CheckpointSubmission"("checkpointId", "unitId");

-- CreateIndex
CREATE INDEX "EvidenceFile_submissionId_idx" ON "EvidenceFile"("submissionId");

-- CreateIndex
CREATE INDEX "EvidenceFile_cycleId_unitId_idx" ON "EvidenceFile"("cycleId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "CheckpointVerification_checkpointId_unitId_key" ON "CheckpointVerification"("checkpointId", "unitId");

-- CreateIndex
CREATE INDEX "SelfCheck_cycleId_idx" ON "SelfCheck"("cycleId");

-- CreateIndex
CREATE UNIQUE INDEX "SelfCheck_indicatorId_unitId_key" ON "SelfCheck"("indicatorId", "unitId");

-- CreateIndex
CREATE INDEX "YearEndVerification_cycleId_idx" ON "YearEndVerification"("cycleId");

-- CreateIndex
CREATE UNIQUE INDEX "YearEndVerification_indicatorId_unitId_key" ON "YearEndVerification"("indicatorId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Ranking_cycleId_kind_evaluatorKey_categoryId_key" ON "Ranking"("cycleId", "kind", "evaluatorKey", "categoryId");

-- CreateIndex
CREATE INDEX "Adjustment_cycleId_unitId_idx" ON "Adjustment"("cycleId", "unitId");

-- CreateIndex
CREATE INDEX "Downgrade_cycleId_unitId_idx" ON "Downgrade"("cycleId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "UnitResult_cycleId_unitId_key" ON "UnitResult"("cycleId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalRound_cycleId_number_key" ON "ApprovalRound"("cycleId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalVote_roundId_voterId_key" ON "ApprovalVote"("roundId", "voterId");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_idempotencyKey_key" ON "Notification"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Notification_cycleId_event_idx" ON "Notification"("cycleId", "event");

-- CreateIndex
CREATE INDEX "Notification_status_idx" ON "Notification"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Feedback_cycleId_unitId_key" ON "Feedback"("cycleId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Explanation_cycleId_unitId_key" ON "Explanation"("cycleId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Incentive_cycleId_unitId_key" ON "Incentive"("cycleId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditLog_eventKey_key" ON "AuditLog"("eventKey");

-- CreateIndex
CREATE INDEX "AuditLog_cycleId_at_idx" ON "AuditLog"("cycleId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_at_idx" ON "AuditLog"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_action_idx" ON "AuditLog"("action");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StageTransition" ADD CONSTRAINT "StageTransition_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineExtension" ADD CONSTRAINT "DeadlineExtension_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checkpoint" ADD CONSTRAINT "Checkpoint_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checkpoint" ADD CONSTRAINT "Checkpoint_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NonUndertaking" ADD CONSTRAINT "NonUndertaking_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NonUndertaking" ADD CONSTRAINT "NonUndertaking_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckpointSubmission" ADD CONSTRAINT "CheckpointSubmission_checkpointId_fkey" FOREIGN KEY ("checkpointId") REFERENCES "Checkpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckpointSubmission" ADD CONSTRAINT "CheckpointSubmission_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "CheckpointSubmission"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_selfCheckId_fkey" FOREIGN KEY ("selfCheckId") REFERENCES "SelfCheck"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_explanationId_fkey" FOREIGN KEY ("explanationId") REFERENCES "Explanation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_adjustmentId_fkey" FOREIGN KEY ("adjustmentId") REFERENCES "Adjustment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckpointVerification" ADD CONSTRAINT "CheckpointVerification_checkpointId_fkey" FOREIGN KEY ("checkpointId") REFERENCES "Checkpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckpointVerification" ADD CONSTRAINT "CheckpointVerification_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfCheck" ADD CONSTRAINT "SelfCheck_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfCheck" ADD CONSTRAINT "SelfCheck_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfCheck" ADD CONSTRAINT "SelfCheck_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "YearEndVerification" ADD CONSTRAINT "YearEndVerification_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "YearEndVerification" ADD CONSTRAINT "YearEndVerification_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "YearEndVerification" ADD CONSTRAINT "YearEndVerification_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ranking" ADD CONSTRAINT "Ranking_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThirdPartyScore" ADD CONSTRAINT "ThirdPartyScore_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThirdPartyScore" ADD CONSTRAINT "ThirdPartyScore_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adjustment" ADD CONSTRAINT "Adjustment_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adjustment" ADD CONSTRAINT "Adjustment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Downgrade" ADD CONSTRAINT "Downgrade_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Downgrade" ADD CONSTRAINT "Downgrade_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitResult" ADD CONSTRAINT "UnitResult_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitResult" ADD CONSTRAINT "UnitResult_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRound" ADD CONSTRAINT "ApprovalRound_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalVote" ADD CONSTRAINT "ApprovalVote_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "ApprovalRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalVote" ADD CONSTRAINT "ApprovalVote_voterId_fkey" FOREIGN KEY ("voterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Explanation" ADD CONSTRAINT "Explanation_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Explanation" ADD CONSTRAINT "Explanation_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incentive" ADD CONSTRAINT "Incentive_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incentive" ADD CONSTRAINT "Incentive_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
