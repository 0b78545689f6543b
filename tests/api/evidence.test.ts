// Evidence files through the real API (Art. 8): the type is read from the content, the SHA-256
// recorded, the file stored per cycle and unit; only the owning unit, the office, the leadership group
// and departments download it; size limit 413; withdrawal refused once the checkpoint round closed.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { startTestStack, signIn, type TestStack, type Session } from '../support/testStack';
import { publishDemoCycle, actors } from '../support/cycleDriver';
import { minimalPng, pdfOfSize } from '../support/evidenceFixtures';
import { cycleStatusQuery } from '../../workflows/contract';

const YEAR = 2031;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const pdfOf = (size: number) => pdfOfSize(size);

describe('evidence files', () => {
  let stack: TestStack;
  let zhongshan: Session;
  let xigang: Session;
  let unitIds: Record<string, string>;
  beforeAll(async () => {
    stack = await startTestStack();
    await publishDemoCycle(stack, YEAR);
    zhongshan = await signIn(stack.app, 'unit-zhongshan');
    xigang = await signIn(stack.app, 'unit-xigang');
    unitIds = Object.fromEntries((await stack.db.unit.findMany()).map((unit) => [unit.code, unit.id]));
  });
  afterAll(async () => {
    await stack?.teardown();
  });

  const upload = (session: Session, name: string, bytes: Buffer, fields: Record<string, string> = {}) => {
    let call = session.agent.post(`/api/cycles/${YEAR}/evidence`).set('x-csrf-token', session.csrf);
    for (const [key, value] of Object.entries(fields)) call = call.field(key, value);
    return call.attach('file', bytes, name);
  };

  test('a unit uploads a PDF: stored under <year>/<unit>/<id>-<name> with its SHA-256, audited', async () => {
    const bytes = pdfOf(4096);
    const response = await upload(zhongshan, '上半年节点材料.pdf', bytes);
    expect(response.status).toBe(201);
    const evidence = response.body.evidence;
    expect(evidence).toMatchObject({
      originalName: '上半年节点材料.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 4096,
      sha256: sha256(bytes),
      unitId: unitIds.zhongshan,
    });
    const row = await stack.db.evidenceFile.findUniqueOrThrow({ where: { id: evidence.id } });
    expect(row.storagePath).toBe(`${YEAR}/zhongshan/${evidence.id}-上半年节点材料.pdf`);
    expect(fs.readFileSync(path.join(stack.evidenceDir, row.storagePath)).equals(bytes)).toBe(true);
    const audit = await stack.db.auditLog.findFirstOrThrow({
      where: { action: 'evidence.upload', targetId: evidence.id },
    });
    expect(audit.actorId).toBe(zhongshan.userId);
    expect(audit.after).toMatchObject({ sha256: sha256(bytes) });
    expect(audit.ip).toBeTruthy();
  });

  test('download: the owning unit, the office, the leader, members and departments; not another unit, the third party or the admin', async () => {
    const bytes = pdfOf(2048);
    const { evidence } = (await upload(zhongshan, 'report.pdf', bytes)).body;
    for (const username of ['unit-zhongshan', 'office1', 'leader', 'member1', 'dept-legal']) {
      const session = username === 'unit-zhongshan' ? zhongshan : await signIn(stack.app, username);
      const response = await session
        .get(`/api/evidence/${evidence.id}/download`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect({ username, status: response.status }).toEqual({ username, status: 200 });
      expect((response.body as Buffer).equals(bytes)).toBe(true);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['repr-digest']).toBe(
        `sha-256=:${Buffer.from(sha256(bytes), 'hex').toString('base64')}:`,
      );
      expect((await session.get(`/api/evidence/${evidence.id}`)).status).toBe(200);
    }
    for (const username of ['unit-xigang', 'thirdparty', 'admin']) {
      const session = username === 'unit-xigang' ? xigang : await signIn(stack.app, username);
      expect({
        username,
        status: (await session.get(`/api/evidence/${evidence.id}/download`)).status,
      }).toEqual({ username, status: 403 });
      expect({ username, status: (await session.get(`/api/evidence/${evidence.id}`)).status }).toEqual({
        username,
        status: 403,
      });
    }
    const denials = await stack.db.auditLog.findMany({
      where: { outcome: 'DENIED', actorId: xigang.userId, targetId: { contains: evidence.id } },
    });
    expect(denials.length).toBe(2);
  });

  test('a Chinese file name survives the download (RFC 5987 filename*)', async () => {
    const { evidence } = (await upload(zhongshan, '会员发展台账.pdf', pdfOf(600))).body;
    const response = await zhongshan.get(`/api/evidence/${evidence.id}/download`);
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('会员发展台账.pdf')}`,
    );
  });

  test('lists: a unit sees only its own files; the office any unit’s', async () => {
    const own = await xigang.get(`/api/cycles/${YEAR}/evidence`);
    expect(own.status).toBe(200);
    expect(own.body.evidence.every((row: { unitId: string }) => row.unitId === unitIds.xigang)).toBe(true);
    expect((await xigang.get(`/api/cycles/${YEAR}/evidence?unitId=${unitIds.zhongshan}`)).status).toBe(403);
    const office = await signIn(stack.app, 'office1');
    const theirs = await office.get(`/api/cycles/${YEAR}/evidence?unitId=${unitIds.zhongshan}`);
    expect(theirs.body.evidence.length).toBeGreaterThanOrEqual(3);
  });

  test('type spoofing: a .pdf that is not a PDF, and a PNG renamed .pdf, are 400 and nothing is stored', async () => {
    const before = await stack.db.evidenceFile.count();
    const notPdf = await upload(
      zhongshan,
      'scan.pdf',
      Buffer.from('MZ\x90\x00\x03 this is a Windows executable', 'latin1'),
    );
    expect(notPdf.status).toBe(400);
    expect(notPdf.body.error.fields.file).toMatch(/not a PDF/);
    const png = minimalPng();
    const renamed = await upload(zhongshan, 'photo.pdf', png);
    expect(renamed.status).toBe(400);
    expect(renamed.body.error.message).toMatch(/PNG.*\.pdf/);
    const exe = await upload(zhongshan, 'tool.exe', pdfOf(100));
    expect(exe.status).toBe(400);
    expect(await stack.db.evidenceFile.count()).toBe(before);
    expect(fs.readdirSync(path.join(stack.evidenceDir, String(YEAR), 'zhongshan')).length).toBe(before);
  });

  test('a file over the size limit is 413; a request without a file is 400', async () => {
    const tooBig = await upload(zhongshan, 'big.pdf', pdfOf(2 * 1024 * 1024 + 1));
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('TOO_LARGE');
    const none = await zhongshan.agent
      .post(`/api/cycles/${YEAR}/evidence`)
      .set('x-csrf-token', zhongshan.csrf)
      .field('unitId', unitIds.zhongshan);
    expect(none.status).toBe(400);
    expect(none.body.error.fields).toHaveProperty('file');
  });

  test('a unit uploads only for itself; the office names the unit; other roles may not upload', async () => {
    const other = await upload(zhongshan, 'x.pdf', pdfOf(100), { unitId: unitIds.xigang });
    expect(other.status).toBe(403);
    const office = await signIn(stack.app, 'office1');
    const unnamed = await upload(office, '表扬通报.pdf', pdfOf(100));
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.fields).toHaveProperty('unitId');
    expect((await upload(office, '表扬通报.pdf', pdfOf(100), { unitId: unitIds.jinpu })).status).toBe(201);
    const leader = await signIn(stack.app, 'leader');
    expect((await upload(leader, 'x.pdf', pdfOf(100), { unitId: unitIds.jinpu })).status).toBe(403);
    expect(
      (
        await zhongshan.agent
          .post(`/api/cycles/1999/evidence`)
          .set('x-csrf-token', zhongshan.csrf)
          .attach('file', pdfOf(100), 'a.pdf')
      ).status,
    ).toBe(400);
    expect(
      (
        await upload(zhongshan, 'a.pdf', pdfOf(100)).then(() =>
          zhongshan.agent
            .post(`/api/cycles/2099/evidence`)
            .set('x-csrf-token', zhongshan.csrf)
            .attach('file', pdfOf(100), 'a.pdf'),
        )
      ).status,
    ).toBe(404);
  });

  test('withdrawal: allowed while the round is open, refused (409) once it closed; another unit may not', async () => {
    const cycle = await stack.db.cycle.findUniqueOrThrow({ where: { year: YEAR } });
    const loose = (await upload(zhongshan, 'draft.pdf', pdfOf(300))).body.evidence;
    expect((await xigang.del(`/api/evidence/${loose.id}`)).status).toBe(403);
    const withdrawn = await zhongshan.del(`/api/evidence/${loose.id}`);
    expect(withdrawn.status).toBe(204);
    const row = await stack.db.evidenceFile.findUniqueOrThrow({ where: { id: loose.id } });
    expect(row.deletedAt).not.toBeNull();
    expect(fs.existsSync(path.join(stack.evidenceDir, row.storagePath))).toBe(false);
    expect((await zhongshan.get(`/api/evidence/${loose.id}/download`)).status).toBe(404);
    expect((await zhongshan.del(`/api/evidence/${loose.id}`)).status).toBe(404);
    expect(await stack.db.auditLog.count({ where: { action: 'evidence.delete', targetId: loose.id } })).toBe(
      1,
    );

    // Attach a file to a checkpoint submission of the first round, then let the round close.
    // The round workflows start once the targets' notices are out (the cycle enters CHECKPOINTS).
    const handle = stack.env.client.workflow.getHandle(cycle.workflowId);
    for (let wait = 0; (await handle.query(cycleStatusQuery)).stage !== 'CHECKPOINTS' && wait < 300; wait++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await stack.inbox.waitFor(14, 30_000);
    const round = (await handle.query(cycleStatusQuery)).rounds[0];
    const attached = (await upload(zhongshan, 'round1.pdf', pdfOf(500))).body.evidence;
    const who = await actors(stack.db);
    await stack.actions.submitCheckpoint(cycle, {
      actor: who.unitActor('zhongshan'),
      unitId: unitIds.zhongshan,
      checkpointId: round.checkpointIds[0],
      text: '上半年节点完成情况',
      evidence: [{ evidenceId: attached.id }],
    });
    expect(
      (await stack.db.evidenceFile.findUniqueOrThrow({ where: { id: attached.id } })).submissionId,
    ).not.toBeNull();
    // The round's due date passes (Temporal time skips to it); the workflow publishes its close.
    await stack.env.sleep(Date.parse(round.dueAt) - (await stack.env.currentTimeMs()) + 1000);
    for (
      let wait = 0;
      (await stack.db.checkpoint.count({ where: { id: { in: round.checkpointIds }, closedAt: null } })) > 0 &&
      wait < 300;
      wait++
    )
      await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await zhongshan.del(`/api/evidence/${attached.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/round .* has closed/);
    expect(
      (await stack.db.evidenceFile.findUniqueOrThrow({ where: { id: attached.id } })).deletedAt,
    ).toBeNull();
    expect((await zhongshan.get(`/api/evidence/${attached.id}/download`)).status).toBe(200);
  });
});
