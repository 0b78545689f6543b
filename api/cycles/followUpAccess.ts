// Who the follow-up after publication concerns (Art. 19-21): one unit in the path, and the leadership
// group that records feedback and reviews explanations.
import { uuid, yearParams } from './shared';

export const unitParams = yearParams.extend({ unitId: uuid });

export const LEADERSHIP = ['OFFICE', 'LEADER', 'PARTY_MEMBER'] as const;
