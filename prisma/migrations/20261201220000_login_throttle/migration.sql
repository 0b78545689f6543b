-- Sign-in throttling (issue 16): one counter row per key ("account:<name>|<address>", "address:<address>"),
-- taken with a single atomic INSERT ... ON CONFLICT DO UPDATE so parallel attempts cannot all pass.
-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "windowStartedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);
