// Art. 8: the round's due date has passed; late evidence is still accepted and flagged (SPEC §2.2).
import { checkpointNotice } from './checkpointRound';

export const checkpointOverdue = checkpointNotice('CHECKPOINT_OVERDUE');
