// Art. 8: reminder before a checkpoint round's due date, to units still owing evidence.
import { checkpointNotice } from './checkpointRound';

export const checkpointReminder = checkpointNotice('CHECKPOINT_REMINDER');
