// Who the follow-up after publication concerns (Art. 19-21): one unit in the path, or a unit filter in the
// query, and the leadership group that records feedback and reviews explanations.
import { z } from 'zod';
import { uuid, yearParams } from './shared';

export const unitParams = yearParams.extend({ unitId: uuid });
export const unitQuery = z.object({ unitId: uuid.optional() });

export const LEADERSHIP = ['OFFICE', 'LEADER', 'PARTY_MEMBER'] as const;
