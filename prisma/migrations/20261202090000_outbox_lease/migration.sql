-- The outbox's delivery lease (issue 11): an attempt claims the notice until "leaseUntil" in a short
-- transaction and talks to the SMTP server with no transaction open.
-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "leaseUntil" TIMESTAMP(3);
