// The notices log of a cycle (targets, reminders, results, criticisms: Art. 8, 18, 21) and the office's
// resend of a notice that failed, optionally to a corrected address (mail/outbox.ts resendNotice).
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { currentUser, requireRole } from '../auth/access';
import { badRequest, conflict, notFound } from '../errors';
import { writeAudit } from '../../db/audit';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { NoticeInProgressError, deliverNotice, markNoticeFailed, resendNotice } from '../../mail/outbox';

const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const notificationParams = z.object({ notificationId: z.uuid() });
export const notificationQuery = z.object({
  status: z.enum(['QUEUED', 'SENT', 'FAILED']).optional(),
  event: z.string().max(80).optional(),
  unitId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const resendBody = z.object({
  recipientEmail: z.email().optional().describe('a corrected address; the stored one otherwise'),
});

const notificationSchema = z.object({
  id: z.string(),
  event: z.string(),
  unitId: z.string().nullable(),
  recipientEmail: z.string(),
  recipientName: z.string(),
  locale: z.string(),
  subject: z.string(),
  status: z.enum(['QUEUED', 'SENT', 'FAILED']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  messageId: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

type NotificationRow = Awaited<ReturnType<ApiDeps['db']['notification']['findUniqueOrThrow']>>;
const toNotification = (row: NotificationRow) => ({
  id: row.id,
  event: row.event,
  unitId: row.unitId,
  recipientEmail: row.recipientEmail,
  recipientName: row.recipientName,
  locale: row.locale,
  subject: row.subject,
  status: row.status,
  attempts: row.attempts,
  lastError: row.lastError,
  messageId: row.messageId,
  createdAt: row.createdAt.toISOString(),
  sentAt: row.sentAt?.toISOString() ?? null,
});

export function notificationRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('');

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/notifications',
      summary: "The cycle's notices log (office), newest first, with paging",
      tags: ['notifications'],
      roles: ['OFFICE'],
      params: yearParams,
      query: notificationQuery,
      response: {
        schema: z.object({
          notifications: z.array(notificationSchema),
          page: z.number(),
          pageSize: z.number(),
          total: z.number(),
        }),
      },
      errors: [404],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const query = notificationQuery.parse(req.query);
      const cycle = await db.cycle.findUnique({ where: { year }, select: { id: true } });
      if (!cycle) throw notFound(`cycle ${year}`);
      const where = {
        cycleId: cycle.id,
        ...(query.status ? { status: query.status } : {}),
        ...(query.event ? { event: query.event } : {}),
        ...(query.unitId ? { unitId: query.unitId } : {}),
      };
      const [rows, total] = await Promise.all([
        db.notification.findMany({
          where,
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
        }),
        db.notification.count({ where }),
      ]);
      res.json({
        notifications: rows.map(toNotification),
        page: query.page,
        pageSize: query.pageSize,
        total,
      });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/notifications/:notificationId/resend',
      summary: 'Resend a FAILED notice, optionally to a corrected address (office)',
      tags: ['notifications'],
      roles: ['OFFICE'],
      params: notificationParams,
      body: resendBody,
      response: { status: 202, schema: z.object({ notification: notificationSchema }) },
      errors: [404, 409],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const actor = currentUser(req);
      const { notificationId } = notificationParams.parse(req.params);
      const body = resendBody.parse(req.body ?? {});
      const before = await db.notification.findUnique({ where: { id: notificationId } });
      if (!before) throw notFound(`notification ${notificationId}`);
      let requeued: boolean;
      try {
        requeued = await resendNotice(db, notificationId, body);
      } catch (error) {
        if ((error as Error).name === 'InvalidRecipientError')
          throw badRequest((error as Error).message, { recipientEmail: 'invalid address' });
        throw error;
      }
      if (!requeued)
        throw conflict(
          'NOT_FAILED',
          `notice ${notificationId} is ${before.status}; only a FAILED notice is resent (a sent notice is never sent twice)`,
        );
      await writeAudit(db, {
        cycleId: before.cycleId,
        actor,
        action: 'notification.resend',
        targetType: 'Notification',
        targetId: notificationId,
        before: { status: before.status, recipientEmail: before.recipientEmail, lastError: before.lastError },
        after: { status: 'QUEUED', recipientEmail: body.recipientEmail ?? before.recipientEmail },
        ip: req.ip,
      });
      // Delivered now when this process has a mailer. A failure lands on the row as FAILED with its reason,
      // so the office sees it in the log and may resend again (nothing else retries an office resend).
      if (deps.mailer && deps.mailFrom) {
        try {
          await deliverNotice(db, deps.mailer, notificationId, deps.mailFrom, {
            evidenceDir: deps.settings.evidenceDir,
          });
        } catch (error) {
          // Another deliverer is sending it right now: its outcome will stand, not a failure of ours.
          if (!(error instanceof NoticeInProgressError))
            await markNoticeFailed(db, notificationId, `resend failed: ${(error as Error).message}`);
        }
      }
      res.status(202).json({
        notification: toNotification(
          await db.notification.findUniqueOrThrow({ where: { id: notificationId } }),
        ),
      });
    },
  );

  return router;
}
