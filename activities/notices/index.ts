// The notices of SPEC §2 by the cycle event that triggers them.
import type { NoticeBuilder } from './noticeDraft';
import { targetsPublished } from './targetsPublished';

export const NOTICE_BUILDERS = {
  TARGETS_PUBLISHED: targetsPublished,
} satisfies Record<string, NoticeBuilder>;

export type CycleNoticeEvent = keyof typeof NOTICE_BUILDERS;
