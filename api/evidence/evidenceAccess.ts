// Who may read and who may delete an evidence file, and when deletion is too late. Pure rules; the
// routes gather the facts.
//
// Reading (decision, Art. 8, 13, 22): the owning unit; the office (verifies evidence); the leader and
// party-group members (the leadership group verifies, 察访核验); departments (may verify checkpoint
// evidence in their field, SPEC §1). Not other units, not the third-party evaluator (it scores on its
// own survey, Art. 9), not the technical administrator.
// Deleting: the owning unit, or whoever uploaded the file (the office's commendation documents).
import { isStageAtOrAfter, type CycleStage } from '../../domain/cycle/stages';
import type { Role } from '../../workflows/contract';

export const EVIDENCE_READER_ROLES: Role[] = ['OFFICE', 'LEADER', 'PARTY_MEMBER', 'DEPARTMENT'];
export const EVIDENCE_UPLOADER_ROLES: Role[] = ['UNIT', 'OFFICE'];

interface Reader {
  userId: string;
  role: Role;
  unitId?: string | null;
}
interface EvidenceOwner {
  unitId: string | null;
  uploadedById: string | null;
}

export function mayReadEvidence(user: Reader, evidence: EvidenceOwner): boolean {
  if (EVIDENCE_READER_ROLES.includes(user.role)) return true;
  return user.role === 'UNIT' && !!user.unitId && user.unitId === evidence.unitId;
}

export function mayDeleteEvidence(user: Reader, evidence: EvidenceOwner): boolean {
  if (user.role === 'UNIT') return !!user.unitId && user.unitId === evidence.unitId;
  return user.role === 'OFFICE' && evidence.uploadedById === user.userId;
}

export interface EvidenceUse {
  cycleStage: CycleStage;
  /** Attached to a checkpoint submission: is its round closed, has the office verified it? */
  submission?: { roundClosed: boolean; verified: boolean } | null;
  selfCheck?: boolean;
  explanationStatus?: 'PENDING' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED' | null;
  adjustment?: boolean;
}

/** Why the file may no longer be deleted, or null: what was judged or is being judged stays (Art. 8, 23). */
export function deletionRefusal(use: EvidenceUse): string | null {
  if (use.cycleStage === 'CLOSED') return 'the cycle is closed; its evidence is archived';
  if (use.submission?.verified)
    return 'the checkpoint submission this file belongs to has been verified (Art. 8)';
  if (use.submission?.roundClosed)
    return 'the checkpoint round this file was submitted for has closed (Art. 8)';
  if (use.selfCheck && isStageAtOrAfter(use.cycleStage, 'VERIFICATION'))
    return 'the year-end self-check has closed (Art. 8)';
  if (use.explanationStatus === 'SUBMITTED' || use.explanationStatus === 'ACCEPTED') {
    return 'the written explanation this file supports has been submitted (Art. 21)';
  }
  if (use.adjustment) return 'the file supports a recorded commendation or criticism (Art. 14, 15)';
  return null;
}
